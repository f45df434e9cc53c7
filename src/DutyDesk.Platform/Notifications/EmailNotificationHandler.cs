using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Outbox;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DutyDesk.Platform.Notifications;

internal sealed class EmailNotificationHandler(IDbContextFactory<AppDbContext> dbFactory, IOptions<EmailOptions> options) : IOutboxHandler
{
    public string Kind => OutboxKinds.Email;

    public async Task<string?> DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            return "未发送：未配置邮件服务器（DutyDesk:Email:Host）";
        }

        var payload = JsonSerializer.Deserialize<NotificationPayload>(message.Payload)
            ?? throw new PermanentDeliveryException("通知内容无法解析");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var to = await db.Users.Where(u => u.Id == payload.UserId).Select(u => new { u.Email, u.DisplayName }).FirstOrDefaultAsync(ct);
        if (to is null || string.IsNullOrWhiteSpace(to.Email))
        {
            return "未发送：收件人没有电子邮箱，已只发站内通知";
        }

        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(settings.FromName, settings.From));
        mail.To.Add(new MailboxAddress(to.DisplayName, to.Email));
        mail.Subject = $"【责任台】{payload.Title}";
        // A stable Message-Id derived from the idempotency key lets the receiving side drop a resend.
        mail.MessageId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(message.IdempotencyKey)))[..32] + "@dutydesk";
        mail.Headers.Add("X-DutyDesk-Key", message.IdempotencyKey);
        var link = payload.Link is null ? "" : $"\n\n查看：{settings.PublicBaseUrl.TrimEnd('/')}{payload.Link}";
        mail.Body = new TextPart("plain") { Text = $"{to.DisplayName}，您好：\n\n{payload.Title}\n{payload.Body}{link}\n\n—— 责任台（系统自动发送，请勿回复）" };

        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        var security = settings.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(settings.Host, settings.Port, security, ct);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
        }

        try
        {
            await client.SendAsync(mail, ct);
        }
        // 5xx is a final answer (no such mailbox, policy); 4xx and network errors are retried.
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            throw new PermanentDeliveryException($"邮件服务器拒收：{ex.Message}", ex);
        }

        await client.DisconnectAsync(true, ct);
        return null;
    }
}
