using DutyDesk.Platform.Data;

namespace DutyDesk.Platform.Tasks;

/// <summary>
/// A module's own escalation of its overdue tasks, where "who is told" depends on the module's record (a response
/// deadline goes by the case's level, not to the task's one named target). It runs inside the scheduler's claim, on
/// the claim's context: what it stages commits with the claim or not at all.
/// </summary>
public interface IOverdueEscalation
{
    bool Handles(DueTask task);

    /// <summary>Stages the module's side of the escalation and returns the people to tell (the owner is told anyway).</summary>
    Task<IReadOnlyList<Guid>> EscalateAsync(AppDbContext db, DueTask task, DateTime now, CancellationToken ct);
}
