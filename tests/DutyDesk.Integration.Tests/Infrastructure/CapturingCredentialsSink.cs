using System.Collections.Concurrent;
using DutyDesk.Platform.Identity;

namespace DutyDesk.Integration.Tests.Infrastructure;

/// <summary>Keeps the first run's one-time passwords for the test instead of printing them.</summary>
public sealed class CapturingCredentialsSink : IInitialCredentialsSink
{
    private readonly ConcurrentQueue<IReadOnlyList<IssuedCredential>> reports = new();

    public int ReportCount => reports.Count;

    public IReadOnlyList<IssuedCredential> Issued => reports.SelectMany(r => r).ToList();

    public void Report(IReadOnlyList<IssuedCredential> credentials) => reports.Enqueue(credentials);

    /// <summary>The one-time password of an administrator, else the shared password of the demo accounts.</summary>
    public string PasswordOf(string userName)
    {
        var issued = Issued;
        var own = issued.FirstOrDefault(c => c.UserName == userName);
        if (own is not null)
        {
            return own.OneTimePassword;
        }

        // The demo accounts share one password, reported in a single line of its own.
        return issued.Single(c => c.UserName is not ("admin" or "secadmin" or "auditor")).OneTimePassword;
    }
}
