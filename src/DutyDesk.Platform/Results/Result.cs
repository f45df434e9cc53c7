namespace DutyDesk.Platform.Results;

/// <summary>The kind of an expected failure; decides the HTTP status and how the UI shows it.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Forbidden,
    Conflict,
}

/// <summary>An expected failure: a stable code, a Chinese message for people, and the field it concerns.</summary>
public sealed record Error(ErrorKind Kind, string Code, string Message, string? Field = null)
{
    public static Error Validation(string field, string message) => new(ErrorKind.Validation, "validation", message, field);

    public static Error NotFound(string what) => new(ErrorKind.NotFound, "not_found", $"{what}不存在或不在您的管辖范围内。");

    public static Error Forbidden(string message = "您没有执行此操作的权限。") => new(ErrorKind.Forbidden, "forbidden", message);

    public static Error Conflict(string message) => new(ErrorKind.Conflict, "conflict", message);

    /// <summary>The concurrency conflict every editable aggregate reports in the same words.</summary>
    public static Error StaleEdit(string what) => Conflict($"{what}已被他人修改，请刷新后重试。");
}

/// <summary>The outcome of a use case: a value or an expected failure (never an exception for those).</summary>
public readonly record struct Result<T>
{
    private readonly T? value;

    private Result(T? value, Error? error)
    {
        this.value = value;
        Error = error;
    }

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? value! : throw new InvalidOperationException($"结果为失败：{Error!.Message}");

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Ok(value);

    public static implicit operator Result<T>(Error error) => Fail(error);
}

/// <summary>The value of a use case that returns nothing but success.</summary>
public readonly record struct Done
{
    public static readonly Done Value;
}
