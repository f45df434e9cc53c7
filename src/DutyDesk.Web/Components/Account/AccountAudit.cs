using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace DutyDesk.Web.Components.Account;

/// <summary>Writes the sign-in pages' audit rows (success and failure alike).</summary>
public sealed class AccountAudit(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task SignInAsync(Guid? userId, string? userName, Guid? unitId, string? ip, bool success, string detail)
        => await WriteAsync(AuditActions.SignIn, userId, userName, unitId, ip, success, detail);

    public async Task WriteAsync(string action, Guid? userId, string? userName, Guid? unitId, string? ip, bool success, string? detail = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.AuditSignIn(clock, action, userId, userName, unitId, ip, success ? AuditOutcome.Success : AuditOutcome.Failure, detail);
        await db.SaveChangesAsync();
    }
}
