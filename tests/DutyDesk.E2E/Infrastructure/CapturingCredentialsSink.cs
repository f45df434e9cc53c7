using System.Collections.Concurrent;
using DutyDesk.Platform.Identity;

namespace DutyDesk.E2E.Infrastructure;

/// <summary>Keeps the first run's one-time passwords for the test instead of printing them.</summary>
public sealed class CapturingCredentialsSink : IInitialCredentialsSink
{
    private readonly ConcurrentQueue<IssuedCredential> issued = new();

    public void Report(IReadOnlyList<IssuedCredential> credentials)
    {
        foreach (var credential in credentials)
        {
            issued.Enqueue(credential);
        }
    }

    /// <summary>An administrator's own one-time password, or the demo accounts' shared one (reported on a line of its own).</summary>
    public string PasswordOf(string userName)
        => (issued.FirstOrDefault(c => c.UserName == userName)
            ?? issued.FirstOrDefault(c => c.UserName is not ("admin" or "secadmin" or "auditor")))?.OneTimePassword
           ?? throw new InvalidOperationException($"The seeder reported no one-time password for {userName}.");
}
