namespace DutyDesk.Platform.Notifications;

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

public sealed class EmailOptions
{
    public const string Section = "DutyDesk:Email";

    /// <summary>Empty: no mail is sent (in-app notifications still are).</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "dutydesk@localhost";

    public string FromName { get; set; } = "责任台";

    /// <summary>The address people open links in mails with, e.g. https://dutydesk.example.cn.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
