using System.Globalization;
using DutyDesk.Opinion.Domain;
using DutyDesk.Platform.Results;
using DutyDesk.Platform.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DutyDesk.Opinion.Features.Duty;

/// <summary>A shift as the API takes it: times with their offset (stored as UTC); the version when changing one.</summary>
public sealed record ShiftBody(Guid UserId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Label, string? Note, Guid? Version = null)
{
    public ShiftInput ToInput() => new(UserId, StartsAt.UtcDateTime, EndsAt.UtcDateTime, Label, Note);
}

/// <summary>A slot of "生成排班" in local time, "HH:mm"; an end at or before the start is the next day.</summary>
public sealed record SlotBody(string? Label, string? Start, string? End);

/// <summary>
/// "生成排班" as the API takes it: local dates (inclusive), weekdays 1 = 周一 … 7 = 周日, the slots, and the people in
/// the order they take turns.
/// </summary>
public sealed record GenerateBody(DateOnly From, DateOnly To, IReadOnlyList<int>? Weekdays, IReadOnlyList<SlotBody>? Slots, IReadOnlyList<Guid>? People)
{
    public Result<WeeklyPattern> ToPattern()
    {
        var days = new List<DayOfWeek>();
        foreach (var day in Weekdays ?? [])
        {
            if (day is < 1 or > 7)
            {
                return Error.Validation("days", $"“星期”须为 1（周一）到 7（周日）（现为 {day}）。");
            }

            days.Add((DayOfWeek)(day % 7));
        }

        var slots = new List<DutySlot>();
        foreach (var (slot, i) in (Slots ?? []).Select((s, i) => (s, i + 1)))
        {
            if (!TryTime(slot.Start, out var start) || !TryTime(slot.End, out var end))
            {
                return Error.Validation("slots", $"第 {i} 个班次的开始和结束时间须写成“时:分”，如 08:30。");
            }

            slots.Add(new DutySlot(slot.Label ?? "", start, end));
        }

        return new WeeklyPattern(From, To, days, slots, People ?? []);
    }

    private static bool TryTime(string? text, out TimeOnly time)
        => TimeOnly.TryParseExact(text?.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}

internal static class DutyEndpoints
{
    public static IServiceCollection AddDuty(this IServiceCollection services) => services.AddTransient<ManageDuty>();

    public static RouteGroupBuilder MapDuty(this RouteGroupBuilder api)
    {
        var duty = api.MapGroup("/duty");
        duty.MapGet("/{unitId:guid}", async (HttpContext http, Guid unitId, DateTimeOffset from, DateTimeOffset to, ManageDuty handler)
            => ApiResults.From(await handler.ListAsync(await ApiResults.ActorAsync(http), unitId, from.UtcDateTime, to.UtcDateTime, http.RequestAborted)))
            .WithSummary("单位值班表：时间范围内的班次（最长 62 天）和当前值班人员");
        duty.MapGet("/{unitId:guid}/people", async (HttpContext http, Guid unitId, ManageDuty handler)
            => ApiResults.From(await handler.PeopleAsync(await ApiResults.ActorAsync(http), unitId, http.RequestAborted)))
            .WithSummary("可排入值班表的人员（在本单位或下级单位担任职务）");
        duty.MapPost("/{unitId:guid}", async (HttpContext http, Guid unitId, ShiftBody body, ManageDuty handler)
            => ApiResults.From(await handler.CreateAsync(await ApiResults.ActorAsync(http), unitId, body.ToInput(), http.RequestAborted),
                id => TypedResults.Created($"/api/v1/opinion/duty/shifts/{id}", new { id })))
            .WithSummary("新增值班班次");
        duty.MapPost("/{unitId:guid}/generate", async (HttpContext http, Guid unitId, GenerateBody body, ManageDuty handler) =>
            {
                var pattern = body.ToPattern();
                return pattern.IsSuccess
                    ? ApiResults.From(await handler.GenerateAsync(await ApiResults.ActorAsync(http), unitId, pattern.Value, http.RequestAborted))
                    : ApiResults.Problem(pattern.Error!);
            })
            .WithSummary("生成排班：按每周的班次和轮值人员，生成日期范围内的班次");
        duty.MapPut("/shifts/{id:guid}", async (HttpContext http, Guid id, ShiftBody body, ManageDuty handler)
            => ApiResults.From(await handler.UpdateAsync(await ApiResults.ActorAsync(http), id, body.ToInput(), body.Version ?? Guid.Empty, http.RequestAborted)))
            .WithSummary("修改值班班次");
        duty.MapDelete("/shifts/{id:guid}", async (HttpContext http, Guid id, Guid version, ManageDuty handler)
            => ApiResults.From(await handler.DeleteAsync(await ApiResults.ActorAsync(http), id, version, http.RequestAborted)))
            .WithSummary("删除值班班次");
        return api;
    }
}
