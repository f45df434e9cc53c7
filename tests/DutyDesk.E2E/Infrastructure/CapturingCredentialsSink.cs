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

    public string PasswordOf(string userName)
        => issued.FirstOrDefault(c => c.UserName == userName)?.OneTimePassword
           ?? throw new InvalidOperationException($"The seeder reported no one-time password for {userName}.");
}
