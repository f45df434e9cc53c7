namespace DutyDesk.Platform.Identity;

/// <summary>Where the first run's one-time passwords go: the console of whoever installs DutyDesk.</summary>
public interface IInitialCredentialsSink
{
    void Report(IReadOnlyList<IssuedCredential> credentials);
}

public sealed record IssuedCredential(string UserName, string DisplayName, string RoleText, string OneTimePassword);

/// <summary>Writes to standard output, not the log: passwords are never logged.</summary>
public sealed class ConsoleCredentialsSink : IInitialCredentialsSink
{
    public void Report(IReadOnlyList<IssuedCredential> credentials)
    {
        var lines = new List<string>
        {
            "",
            "================ 责任台 DutyDesk：首次运行 ================",
            "以下为一次性密码，首次登录后必须修改；管理员账号还须绑定双因素认证（TOTP）。",
            "此信息只显示这一次，请妥善保存。",
            "",
        };
        lines.AddRange(credentials.Select(c => $"  {c.RoleText,-24} 登录名: {c.UserName,-16} 一次性密码: {c.OneTimePassword}"));
        lines.Add("============================================================");
        lines.Add("");
        Console.Out.Write(string.Join(Environment.NewLine, lines) + Environment.NewLine);
        Console.Out.Flush();
    }
}
