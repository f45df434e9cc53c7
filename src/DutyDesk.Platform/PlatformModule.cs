using DutyDesk.Platform.Alerts;
using DutyDesk.Platform.ApiTokens;
using DutyDesk.Platform.Auditing;
using DutyDesk.Platform.Data;
using DutyDesk.Platform.Features.Alerts;
using DutyDesk.Platform.Features.Audit;
using DutyDesk.Platform.Features.Notifications;
using DutyDesk.Platform.Features.Tasks;
using DutyDesk.Platform.Features.Tokens;
using DutyDesk.Platform.Features.Units;
using DutyDesk.Platform.Features.Users;
using DutyDesk.Platform.Files;
using DutyDesk.Platform.Identity;
using DutyDesk.Platform.Jobs;
using DutyDesk.Platform.Notifications;
using DutyDesk.Platform.Outbox;
using DutyDesk.Platform.Scope;
using DutyDesk.Platform.Shared;
using DutyDesk.Platform.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DutyDesk.Platform;

public static class PlatformModule
{
    public const string ApiPolicy = "api";

    /// <summary>Registers the shared kernel: database, identity, scope, audit, files, tasks, outbox and jobs.</summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        // Relative to the content root (the app's folder), not to whatever directory a service manager starts it in.
        var contentRoot = configuration["contentRoot"] ?? Directory.GetCurrentDirectory();
        var dataDirectory = Path.GetFullPath(configuration["DutyDesk:DataDirectory"] ?? "data", contentRoot);
        Directory.CreateDirectory(dataDirectory);
        services.AddSingleton(new DataDirectory(dataDirectory));
        services.TryAddSingleton(TimeProvider.System);

        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = string.IsNullOrWhiteSpace(database.ConnectionString)
            ? database.Provider == DatabaseProvider.Sqlite
                ? DatabaseSetup.DefaultSqliteConnectionString(dataDirectory)
                : throw new InvalidOperationException("使用 PostgreSQL 时必须配置 DutyDesk:Database:ConnectionString。")
            : database.ConnectionString;
        services.AddSingleton(Options.Create(database));
        services.AddDbContextFactory<AppDbContext>((sp, o) =>
        {
            DatabaseSetup.Configure(o, database.Provider, connectionString, sp.GetServices<ModelAssembly>().Select(m => m.Assembly));
            // Interceptors the host registers (fault injection in the restart-safety tests) join the providers' own.
            o.AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
        });

        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.Section));
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.Section));
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        services.Configure<FileStoreOptions>(configuration.GetSection(FileStoreOptions.Section));
        services.Configure<SeedOptions>(configuration.GetSection(SeedOptions.Section));

        AddIdentity(services, configuration);

        services.AddHttpContextAccessor();
        services.AddScoped<ClientInfo>();
        services.AddScoped<CurrentActor>();
        services.AddSingleton<ActorLoader>();
        services.AddSingleton<AuditVerifier>();
        services.AddSingleton<FileStore>();
        services.AddSingleton<NotificationHub>();
        services.AddSingleton<SessionSignals>();
        services.TryAddSingleton<IInitialCredentialsSink, ConsoleCredentialsSink>();
        services.AddSingleton<Seeder>();
        services.AddSingleton(DisplayClock.FromConfiguration(configuration));

        // Use cases: plain classes, one per file, resolved where they are used.
        services.AddTransient<ListUnits>();
        services.AddTransient<CreateUnit>();
        services.AddTransient<ChangeUnit>();
        services.AddTransient<ListUsers>();
        services.AddTransient<ManageUsers>();
        services.AddTransient<ManageRoles>();
        services.AddTransient<QueryAudit>();
        services.AddTransient<TaskQueries>();
        services.AddTransient<ManageTasks>();
        services.AddTransient<ManageTokens>();
        services.AddTransient<NotificationQueries>();
        services.AddTransient<Features.Calendar.TaskCalendarFeed>();
        services.AddTransient<Features.Outbox.QueryOutbox>();
        services.AddTransient<AlertQueries>();
        services.AddTransient<AcknowledgeAlert>();
        services.AddTransient<ManageAlertChannels>();
        services.AddTransient<ManageQuietHours>();

        services.AddSingleton<IOutboxHandler, InAppNotificationHandler>();
        services.AddSingleton<IOutboxHandler, EmailNotificationHandler>();
        services.AddSingleton<IOutboxHandler, WeComAlertHandler>();
        services.AddSingleton<IOutboxHandler, DingTalkAlertHandler>();
        services.AddSingleton<IOutboxHandler, WebhookAlertHandler>();
        services.AddSingleton<ChannelSecrets>();
        // Robots answer in well under a second; a hung one must not hold the dispatcher. Redirects are checked by hand (same host only).
        services.AddHttpClient(AlertChannelHandler.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(configuration.GetValue("DutyDesk:Alerts:TimeoutSeconds", 10)))
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<DueTaskScheduler>();
        services.AddSingleton<AlertEscalator>();
        services.AddPeriodicJob<OutboxDispatcher>(configuration, (work, ct) => work.RunOnceAsync(ct), sp => sp.GetRequiredService<IOptions<OutboxOptions>>().Value.PollInterval);
        services.AddPeriodicJob<DueTaskScheduler>(configuration, (work, ct) => work.RunOnceAsync(ct), _ => TimeSpan.FromSeconds(configuration.GetValue("DutyDesk:Jobs:TaskScanSeconds", 30)));
        services.AddPeriodicJob<AlertEscalator>(configuration, (work, ct) => work.RunOnceAsync(ct), _ => TimeSpan.FromSeconds(configuration.GetValue("DutyDesk:Jobs:AlertScanSeconds", 15)));

        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", customTestQuery: (db, ct) => db.Units.AnyAsync(ct));
        return services;
    }

    /// <summary>
    /// Runs <paramref name="run"/> on every node at an interval, unless DutyDesk:Jobs:Enabled is false (tests
    /// drive jobs themselves). The work must claim its rows in the database so that nodes never do it twice.
    /// It returns how many items it handled: a non-zero round goes again at once.
    /// </summary>
    public static IServiceCollection AddPeriodicJob<TWork>(this IServiceCollection services, IConfiguration configuration,
        Func<TWork, CancellationToken, Task<int>> run, Func<IServiceProvider, TimeSpan> interval)
        where TWork : notnull
    {
        if (configuration.GetValue("DutyDesk:Jobs:Enabled", true))
        {
            services.AddHostedService(sp => new PeriodicJob<TWork>(
                sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PeriodicJob<TWork>>>(),
                run, () => interval(sp)));
        }

        return services;
    }

    private static void AddIdentity(IServiceCollection services, IConfiguration configuration)
    {
        var security = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = security.PasswordMinLength;
                o.Password.RequireDigit = security.PasswordRequireDigit;
                o.Password.RequireLowercase = security.PasswordRequireLower;
                o.Password.RequireUppercase = security.PasswordRequireUpper;
                o.Password.RequireNonAlphanumeric = security.PasswordRequireSymbol;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = security.LockoutAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.LockoutMinutes);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<DutyDeskClaimsFactory>();
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            // A changed role reaches HTTP requests within a minute; open circuits compare the stamp every 15 s (IdleGuard).
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal?.FindFirst(DutyDeskClaims.SessionId) is { } sid && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                {
                    identity.AddClaim(new System.Security.Claims.Claim(DutyDeskClaims.SessionId, sid.Value));
                }

                return Task.CompletedTask;
            };
        });
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "DutyDesk.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Events.OnSigningIn = SessionCookieEvents.OnSigningInAsync;
            o.Events.OnValidatePrincipal = SessionCookieEvents.OnValidatePrincipalAsync;
            o.Events.OnRedirectToLogin = SessionCookieEvents.OnRedirectToLoginAsync;
        });
        services.AddDataProtection().SetApplicationName("DutyDesk").PersistKeysToDbContext<AppDbContext>();
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(nameof(Role.SystemAdmin), p => p.RequireClaim(DutyDeskClaims.Role, nameof(Role.SystemAdmin)))
            .AddPolicy(nameof(Role.SecurityAdmin), p => p.RequireClaim(DutyDeskClaims.Role, nameof(Role.SecurityAdmin)))
            .AddPolicy(nameof(Role.Auditor), p => p.RequireClaim(DutyDeskClaims.Role, nameof(Role.Auditor)))
            .AddPolicy("UserAdmin", p => p.RequireClaim(DutyDeskClaims.Role, nameof(Role.SystemAdmin), nameof(Role.SecurityAdmin)));
    }

    /// <summary>Maps the platform's API under /api/v1 (token-authenticated) and its file downloads.</summary>
    public static IEndpointRouteBuilder MapPlatform(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(ApiPolicy);
        api.MapUnits();
        api.MapUsers();
        api.MapAudit();
        api.MapTasks();
        api.MapTokens();
        api.MapNotifications();
        api.MapAlerts();

        // Cookie-authenticated download for the auditor's page; the API has the same under /api/v1/audit/export.
        app.MapGet("/audit/export.csv", async (HttpContext http, DateTime? from, DateTime? to, string? userName, string? action, Auditing.AuditOutcome? outcome, string? text, QueryAudit handler)
                => Shared.ApiResults.From(await handler.ExportCsvAsync(await Shared.ApiResults.ActorAsync(http), new AuditFilter(from, to, userName, action, outcome, text), http.RequestAborted),
                    bytes => TypedResults.File(bytes, "text/csv; charset=utf-8", "审计日志.csv")))
            .RequireAuthorization(nameof(Role.Auditor));

        // The secret in the URL is the credential: calendar clients cannot sign in.
        app.MapGet(Features.Calendar.TaskCalendarFeed.PathPrefix + "{secret}.ics", async (string secret, Features.Calendar.TaskCalendarFeed feed, HttpContext http)
                => Shared.ApiResults.From(await feed.RenderAsync(secret, http.RequestAborted), text => TypedResults.Text(text, "text/calendar; charset=utf-8")))
            .AllowAnonymous();

        app.MapGet("/files/{id:guid}", async (HttpContext http, Guid id, TaskQueries tasks, FileStore files) =>
        {
            var actor = await Shared.ApiResults.ActorAsync(http);
            var file = await tasks.GetEvidenceFileAsync(actor, id, http.RequestAborted);
            if (!file.IsSuccess)
            {
                return Shared.ApiResults.Problem(file.Error!);
            }

            var stream = files.OpenRead(file.Value.Sha256);
            return stream is null ? Shared.ApiResults.Problem(Results.Error.NotFound("文件内容")) : (IResult)TypedResults.File(stream, file.Value.ContentType, file.Value.FileName);
        }).RequireAuthorization();
        return app;
    }
}
