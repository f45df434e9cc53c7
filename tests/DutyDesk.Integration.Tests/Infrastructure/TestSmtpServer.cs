using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace DutyDesk.Integration.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on 127.0.0.1 and a free port. It can refuse the first messages with
/// "451" (a transient failure a sender must retry) before it accepts.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly SmtpServer.SmtpServer server;
    private readonly Task running;
    private readonly int transientFailures;
    private int attempts;

    private TestSmtpServer(int transientFailures)
    {
        this.transientFailures = transientFailures;
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(stop.Token);
    }

    public int Port { get; }

    /// <summary>Every DATA the server was sent, accepted or not.</summary>
    public int Attempts => Volatile.Read(ref attempts);

    public ConcurrentQueue<MimeMessage> Accepted { get; } = new();

    public static TestSmtpServer Start(int transientFailures = 0) => new(transientFailures);

    /// <summary>The settings that point DutyDesk's mail at this server, unencrypted, with a short timeout.</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["DutyDesk:Email:Host"] = "127.0.0.1",
        ["DutyDesk:Email:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DutyDesk:Email:Security"] = "None",
        ["DutyDesk:Email:Timeout"] = "00:00:10",
    };

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // stopping is what was asked for
        }

        stop.Dispose();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var attempt = Interlocked.Increment(ref owner.attempts);
            if (attempt <= owner.transientFailures)
            {
                return new SmtpResponse((SmtpReplyCode)451, "4.3.0 mailbox store temporarily unavailable");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            owner.Accepted.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
