using System.Collections.Concurrent;

namespace DutyDesk.Platform.Auditing;

/// <summary>Action names written to the audit log, with the words the auditor reads.</summary>
public static class AuditActions
{
    public const string SignIn = "auth.sign-in";
    public const string SignOut = "auth.sign-out";
    public const string SessionIdle = "auth.session-idle";
    public const string PasswordChange = "auth.password-change";
    public const string TwoFactorEnable = "auth.2fa-enable";
    public const string UnitCreate = "unit.create";
    public const string UnitRename = "unit.rename";
    public const string UnitMove = "unit.move";
    public const string UnitDisable = "unit.disable";
    public const string UnitEnable = "unit.enable";
    public const string UserCreate = "user.create";
    public const string UserUpdate = "user.update";
    public const string UserDisable = "user.disable";
    public const string UserEnable = "user.enable";
    public const string UserResetPassword = "user.reset-password";
    public const string UserUnlock = "user.unlock";
    public const string RoleGrant = "role.grant";
    public const string RoleRevoke = "role.revoke";
    public const string AuditExport = "audit.export";
    public const string TaskCreate = "task.create";
    public const string TaskEvidence = "task.evidence";
    public const string TaskComplete = "task.complete";

    public const string TaskReschedule = "task.reschedule";
    public const string TokenCreate = "token.create";
    public const string TokenRevoke = "token.revoke";
    public const string AccessDenied = "access.denied";
    public const string CalendarFeedIssue = "calendar-feed.issue";
    public const string CalendarFeedRevoke = "calendar-feed.revoke";
    public const string AlertAcknowledge = "alert.acknowledge";
    public const string AlertChannelCreate = "alert.channel-create";
    public const string AlertChannelUpdate = "alert.channel-update";
    public const string AlertChannelTest = "alert.channel-test";
    public const string AlertQuietHours = "alert.quiet-hours";

    private static readonly ConcurrentDictionary<string, string> Names = new(new Dictionary<string, string>
    {
        [SignIn] = "登录",
        [SignOut] = "退出登录",
        [SessionIdle] = "会话超时退出",
        [PasswordChange] = "修改密码",
        [TwoFactorEnable] = "启用双因素认证",
        [UnitCreate] = "新建单位",
        [UnitRename] = "重命名单位",
        [UnitMove] = "移动单位",
        [UnitDisable] = "停用单位",
        [UnitEnable] = "启用单位",
        [UserCreate] = "新建用户",
        [UserUpdate] = "修改用户",
        [UserDisable] = "停用用户",
        [UserEnable] = "启用用户",
        [UserResetPassword] = "重置密码",
        [UserUnlock] = "解除锁定",
        [RoleGrant] = "授予角色",
        [RoleRevoke] = "撤销角色",
        [AuditExport] = "导出审计日志",
        [TaskCreate] = "新建待办",
        [TaskEvidence] = "上传佐证材料",
        [TaskComplete] = "办结待办",
        [TaskReschedule] = "调整待办截止时间",
        [TokenCreate] = "创建API令牌",
        [TokenRevoke] = "吊销API令牌",
        [AccessDenied] = "越权访问被拒绝",
        [CalendarFeedIssue] = "生成日历订阅链接",
        [CalendarFeedRevoke] = "停用日历订阅链接",
        [AlertAcknowledge] = "确认收到预警",
        [AlertChannelCreate] = "新建预警渠道",
        [AlertChannelUpdate] = "修改预警渠道",
        [AlertChannelTest] = "测试发送预警渠道",
        [AlertQuietHours] = "设置免打扰时段",
    });

    public static IReadOnlyDictionary<string, string> All => Names;

    /// <summary>Modules name their own actions ("responsibility.obligation.adopt" → "启用制度性要求") when they register.</summary>
    public static void Register(IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var (action, name) in names)
        {
            Names[action] = name;
        }
    }

    public static string ToChinese(string action) => Names.GetValueOrDefault(action, action);
}
