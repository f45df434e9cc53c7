using DutyDesk.Platform.Results;
using DutyDesk.Platform.Scope;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace DutyDesk.Platform.Shared;

/// <summary>Maps expected failures to ProblemDetails once, for every endpoint.</summary>
public static class ApiResults
{
    public static IResult From<T>(Result<T> result, Func<T, IResult>? onSuccess = null)
        => result.IsSuccess ? (onSuccess?.Invoke(result.Value) ?? TypedResults.Ok(result.Value)) : Problem(result.Error!);

    public static ProblemHttpResult Problem(Error error)
    {
        var status = error.Kind switch
        {
            ErrorKind.Validation => StatusCodes.Status400BadRequest,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        var problem = new ProblemDetails { Status = status, Title = TitleFor(status), Detail = error.Message, Type = "about:blank" };
        problem.Extensions["code"] = error.Code;
        if (error.Field is { } field)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [error.Message] };
        }

        return TypedResults.Problem(problem);
    }

    public static string TitleFor(int status) => status switch
    {
        400 => "请求有误",
        401 => "未认证",
        403 => "无权操作",
        404 => "未找到",
        405 => "不支持的请求方法",
        409 => "数据冲突",
        413 => "请求过大",
        415 => "不支持的内容类型",
        429 => "请求过于频繁",
        _ when status >= 500 => "服务器内部错误",
        _ => "请求失败",
    };

    /// <summary>The actor of an API request; the group's policy guarantees an authenticated user.</summary>
    public static async Task<Actor> ActorAsync(HttpContext context)
        => await context.RequestServices.GetRequiredService<CurrentActor>().RequireAsync(context.RequestAborted);

}
