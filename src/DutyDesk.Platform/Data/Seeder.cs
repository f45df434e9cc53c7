using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Tasks;
using DutyDesk.Platform.Units;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DutyDesk.Platform.Data;

public sealed class SeedOptions
{
    public const string Section = "DutyDesk:Seed";

    /// <summary>Seed the demo tree (an education bureau, two schools) and demo users; off for production.</summary>
    public bool Demo { get; set; } = true;

    /// <summary>The top unit's name when not seeding the demo.</summary>
    public string RootUnitName { get; set; } = "本单位";
}

/// <summary>
/// Applies migrations and, on an empty database only, creates the first units and accounts.
/// A second start finds units and changes nothing.
/// </summary>
public sealed class Seeder(
    IServiceScopeFactory scopes,
    IOptions<SeedOptions> options,
    IInitialCredentialsSink sink,
    IOptions<SecurityOptions> security,
    TimeProvider clock,
    ILogger<Seeder> logger)
{
    /// <summary>A demo account: its home unit, and the unit its roles apply to when that is another one.</summary>
    private sealed record DemoUser(string UserName, string DisplayName, string Unit, Role[] Roles, string? Email = null, string? RoleUnit = null);

    public async Task MigrateAndSeedAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync(ct);
        if (await db.Units.AnyAsync(ct))
        {
            logger.LogInformation("Database already initialised; nothing seeded");
            return;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var units = options.Value.Demo ? DemoUnits() : [(Name: options.Value.RootUnitName, Parent: (string?)null, Kind: UnitKind.Organisation)];
        var byName = new Dictionary<string, Unit>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (name, parentName, kind) in units)
        {
            var parent = parentName is null ? null : byName[parentName];
            var id = Guid.CreateVersion7();
            var unit = new Unit { Id = id, Name = name, ParentId = parent?.Id, Kind = kind, Path = Unit.PathOf(parent?.Path, id), CreatedAt = now, SortOrder = byName.Count };
            byName[name] = unit;
            db.Units.Add(unit);
        }

        var root = byName[units[0].Name].Name;
        db.Audit(clock, null, AuditActions.UnitCreate, "Unit", byName[root].Id.ToString(), byName[root].Id, detail: $"首次运行：创建 {units.Count} 个单位");
        await db.SaveChangesAsync(ct);

        var issued = new List<IssuedCredential>();
        var demoPassword = OneTimePassword.Generate(security.Value);
        var admins = new[]
        {
            new DemoUser("admin", "系统管理员", root, [Role.SystemAdmin]),
            new DemoUser("secadmin", "安全管理员", root, [Role.SecurityAdmin]),
            new DemoUser("auditor", "审计员", root, [Role.Auditor]),
        };
        foreach (var person in admins)
        {
            var password = OneTimePassword.Generate(security.Value);
            await CreateUserAsync(db, users, person, byName, password, ct);
            issued.Add(new IssuedCredential(person.UserName, person.DisplayName, string.Join("、", person.Roles.Select(r => r.ToChinese())), password));
        }

        if (options.Value.Demo)
        {
            var demo = DemoPeople();
            foreach (var person in demo)
            {
                await CreateUserAsync(db, users, person, byName, demoPassword, ct);
            }

            await SeedDemoTasksAsync(db, byName, ct);
            issued.Add(new IssuedCredential($"{demo[0].UserName} 等", "演示账号", $"其余 {demo.Length} 个演示账号（共用）", demoPassword));
        }

        sink.Report(issued);
    }

    private async Task CreateUserAsync(AppDbContext db, UserManager<AppUser> users, DemoUser person, Dictionary<string, Unit> units, string password, CancellationToken ct)
    {
        var unit = units[person.Unit];
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = person.UserName,
            DisplayName = person.DisplayName,
            Email = person.Email,
            HomeUnitId = unit.Id,
            MustChangePassword = true,
            LockoutEnabled = true,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var roleUnit = units[person.RoleUnit ?? person.Unit];
        foreach (var role in person.Roles)
        {
            db.RoleAssignments.Add(new RoleAssignment { Id = Guid.CreateVersion7(), UserId = user.Id, UnitId = roleUnit.Id, Role = role, GrantedAt = user.CreatedAt });
        }

        db.Audit(clock, null, AuditActions.UserCreate, "User", user.Id.ToString(), unit.Id, detail: $"首次运行：{person.UserName}（{string.Join("、", person.Roles.Select(r => r.ToChinese()))}）");
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"初始化账号 {person.UserName} 失败：{string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    private async Task SeedDemoTasksAsync(AppDbContext db, Dictionary<string, Unit> units, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var people = await db.Users.ToDictionaryAsync(u => u.UserName!, ct);
        void Add(string title, string unit, string owner, TimeSpan dueIn, bool evidence)
        {
            var due = now + dueIn;
            db.DueTasks.Add(new DueTask
            {
                Id = Guid.CreateVersion7(),
                Title = title,
                UnitId = units[unit].Id,
                OwnerId = people[owner].Id,
                DueAt = due,
                ReminderOffsets = "1440,60",
                NextReminderAt = ReminderSchedule.First(due, [1440, 60], now),
                EvidenceRequired = evidence,
                SourceModule = "platform",
                SourceType = "demo",
                CreatedAt = now,
                CreatedBy = people["jyj.office"].Id,
            });
        }

        Add("本月意识形态风险排查并形成排查报告", "第一中学", "yz.office", TimeSpan.FromDays(5), evidence: true);
        Add("向市教育局报送本季度意识形态工作情况", "第一中学", "yz.secretary", TimeSpan.FromDays(12), evidence: true);
        Add("校园宣传栏、电子屏内容自查", "实验小学", "xx.office", TimeSpan.FromDays(2), evidence: true);
        Add("班子成员形势政策报告安排", "市教育局", "jyj.office", TimeSpan.FromDays(20), evidence: false);
        await db.SaveChangesAsync(ct);
    }

    private static List<(string Name, string? Parent, UnitKind Kind)> DemoUnits() =>
    [
        ("市教育局", null, UnitKind.Organisation),
        ("局办公室", "市教育局", UnitKind.Department),
        ("宣传科", "市教育局", UnitKind.Department),
        ("机关党支部", "市教育局", UnitKind.PartyBranch),
        ("第一中学", "市教育局", UnitKind.Organisation),
        ("一中校长办公室", "第一中学", UnitKind.Department),
        ("一中德育处", "第一中学", UnitKind.Department),
        ("一中教师第一党支部", "第一中学", UnitKind.PartyBranch),
        ("实验小学", "市教育局", UnitKind.Organisation),
        ("实小校长办公室", "实验小学", UnitKind.Department),
        ("实小教务处", "实验小学", UnitKind.Department),
        ("实小党支部", "实验小学", UnitKind.PartyBranch),
    ];

    private static DemoUser[] DemoPeople() =>
    [
        new("jyj.secretary", "王建国", "市教育局", [Role.FirstResponsible]),
        new("jyj.leader", "李红梅", "市教育局", [Role.LeaderInCharge, Role.LeadershipMember]),
        // The leading group office sits in an office department but works for the whole unit.
        new("jyj.office", "张伟", "局办公室", [Role.LeadingGroupOffice], RoleUnit: "市教育局"),
        new("jyj.office.m", "陈静", "宣传科", [Role.Monitor, Role.InformationOfficer]),
        new("yz.secretary", "刘志强", "第一中学", [Role.FirstResponsible]),
        new("yz.leader", "赵敏", "第一中学", [Role.LeaderInCharge, Role.LeadershipMember]),
        new("yz.office", "孙磊", "一中校长办公室", [Role.LeadingGroupOffice], RoleUnit: "第一中学"),
        new("yz.moral", "周婷", "一中德育处", [Role.DepartmentHead, Role.InformationOfficer]),
        new("yz.reviewer", "吴刚", "第一中学", [Role.Reviewer]),
        new("xx.secretary", "郑丽", "实验小学", [Role.FirstResponsible]),
        new("xx.office", "冯涛", "实小校长办公室", [Role.LeadingGroupOffice], RoleUnit: "实验小学"),
        new("xx.teach", "何芳", "实小教务处", [Role.DepartmentHead, Role.InformationOfficer]),
        new("xx.monitor", "许强", "实验小学", [Role.Monitor]),
    ];
}
