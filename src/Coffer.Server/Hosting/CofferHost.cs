using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Coffer.Api.Hosting;
using Coffer.Core;
using Coffer.Core.Abstractions;
using Coffer.Core.Audit;
using Coffer.Core.Identity;
using Coffer.Core.Identity.External;
using Coffer.Core.KeyRing;
using Coffer.Server.Tls;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Coffer.Server.Hosting;

/// <summary>
/// The composition root: builds the web application for <c>coffer serve</c> (and for the tests, which run the
/// very same host on loopback): data directory, root key, store, TLS, token authority, and first-start setup.
/// </summary>
internal static class CofferHost
{
    public static async Task<WebApplication> BuildAsync(
        ServeOptions options,
        Action<ILoggingBuilder>? configureLogging = null,
        Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        options.DataDirectory = Path.GetFullPath(options.DataDirectory);
        FileSystem.CreatePrivateDirectory(options.DataDirectory);
        var directoryLock = DataDirectoryLock.Acquire(options.DataDirectory);
        try
        {
            return await BuildLockedAsync(options, directoryLock, configureLogging, configureServices, cancellationToken);
        }
        catch
        {
            directoryLock.Dispose();
            throw;
        }
    }

    private static async Task<WebApplication> BuildLockedAsync(
        ServeOptions options,
        DataDirectoryLock directoryLock,
        Action<ILoggingBuilder>? configureLogging,
        Action<IServiceCollection>? configureServices,
        CancellationToken cancellationToken)
    {

        // Coffer reads no configuration files, but the default builder adds appsettings.json under the content root
        // (the data directory) and watches that whole tree for changes: every audit and database write then woke a
        // file-watcher thread. Without reload there is no watcher.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = options.DataDirectory,
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Any level enabled here makes hosting start an Activity for every request, only to give log scopes a trace
        // id; Coffer's audit record is its per-request trace, and Kestrel logs unhandled errors under its own name.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        configureLogging?.Invoke(builder.Logging);

        using var bootLoggers = LoggerFactory.Create(logging =>
        {
            logging.AddSimpleConsole(console => console.SingleLine = true);
            configureLogging?.Invoke(logging);
        });
        var bootLogger = bootLoggers.CreateLogger("Coffer.Server");
        RequireSharedRootKey(options);
        var rootKey = RootKeyLoader.Load(options, bootLogger);

        var certificates = CreateCertificateSource(options, rootKey, out var authority);
        if (options.TokenLifetime < ServeOptions.MinTokenLifetime || options.TokenLifetime > ServeOptions.MaxTokenLifetime)
        {
            throw new ArgumentException("The token lifetime must be between 5 minutes and 24 hours.", nameof(options));
        }

        var api = new CofferApiOptions
        {
            DnsSuffix = options.DnsSuffix,
            Port = options.ClientPort,
            IdentityPort = options.IdentityPort,
            HostIdentities = [.. options.ImdsIdentities],
            TrustedProxies = [.. options.TrustedProxies],
        };
        var deployment = new Deployment();

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
            var addresses = options.Listen.Count > 0 ? options.Listen : DefaultListenAddresses();
            foreach (var address in addresses)
            {
                kestrel.Listen(address, options.Port, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(new TlsHandshakeCallbackOptions
                    {
                        OnConnection = context => ValueTask.FromResult(certificates.OptionsFor(context.ClientHelloInfo.ServerName)),
                    });
                });
            }

            // Managed-identity tokens over plain HTTP, on loopback only, as App Service serves them.
            kestrel.Listen(IPAddress.Loopback, options.IdentityPort, listen => listen.Protocols = HttpProtocols.Http1);
        });

        // Through a factory, so the container disposes (releases) it with the application.
        builder.Services.AddSingleton(_ => directoryLock);
        builder.Services.AddSingleton(certificates);
        builder.Services.AddSingleton(options.ExternalIssuers);
        builder.Services.AddCofferCore(rootKey);
        builder.Services.AddSingleton(deployment);
        builder.Services.AddSingleton(_ => new TokenAuthority($"{api.Resource}/{deployment.TenantId:D}/v2.0", deployment.TenantId, options.TokenLifetime, TimeSpan.FromMinutes(5))
        {
            AdfsIssuer = api.Resource + "/adfs",
        });
        AddStore(builder.Services, options, bootLogger);
        builder.Services.AddCofferApi(api);
        if (options.Store == StoreKind.Postgres)
        {
            builder.Services.AddCofferPostgresAuditStore();
        }
        else
        {
            builder.Services.AddCofferSqliteAuditStore(Path.Combine(options.DataDirectory, "audit.db"), options.AuditBusyTimeout, journaled: true);
        }

        builder.Services.AddCofferAudit(options.Store == StoreKind.Postgres
            ? new AuditWriterOptions { ChainId = NodeId.LoadOrCreate(options.DataDirectory) }
            : new AuditWriterOptions());
        if (options.AuditFile is { } auditFile)
        {
            builder.Services.AddAuditJsonLinesSink(auditFile);
        }

        builder.Services.AddSingleton(new AuditRetention(options.AuditRetention));
        builder.Services.AddHostedService<AuditRetentionJob>();
        builder.Services.AddHostedService<AlertEvaluationJob>();
        builder.Services.AddSingleton(new SigningKeyRotation(options.SigningKeyRotationPeriod, options.SigningKeyPrePublication));
        builder.Services.AddHostedService<SoftDeletePurgeJob>();
        builder.Services.AddHostedService<KeyRotationJob>();
        builder.Services.AddHostedService<ExternalIssuerRefreshJob>();
        builder.Services.AddHostedService<TokenMaintenanceJob>();
        builder.Services.AddHostedService<IdleMemoryTrimmer>();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        _ = app.Services.GetRequiredService<DataDirectoryLock>();
        var metadata = app.Services.GetRequiredService<IMetadataStore>();
        await deployment.LoadAsync(metadata, cancellationToken);
        await app.Services.GetRequiredService<SigningKeyRing>().LoadAsync(cancellationToken);
        // Before serving, so the first external token finds its issuer's keys; an issuer that is down is retried later.
        await app.Services.GetRequiredService<ExternalIssuers>().LoadAsync(cancellationToken);
        await app.Services.GetRequiredService<CredentialSync>().LoadAsync(cancellationToken);
        await ShowBootstrapAdministratorAsync(app.Services, options, api, deployment, cancellationToken);

        var trust = authority is null ? null : CaTrust.Write(Path.Combine(options.DataDirectory, "ca-bundle.crt"), authority.CertificatePath);
        if (options.Dev)
        {
            await DevEnvironment.EnsureAsync(app.Services, options, trust, cancellationToken);
        }

        app.UseCofferApi();
        Log.Serving(bootLogger, options.DnsSuffix, options.Port, options.IdentityPort, api.IdentityPath, options.DataDirectory);
        return app;
    }

    /// <summary>At the first start only: creates <c>coffer-admin</c>, shows its secret once, then records that it was shown.</summary>
    private static async Task ShowBootstrapAdministratorAsync(IServiceProvider services, ServeOptions options, CofferApiOptions api, Deployment deployment, CancellationToken cancellationToken)
    {
        var bootstrap = services.GetRequiredService<BootstrapAdministrator>();
        // One process per data directory on SQLite; on PostgreSQL the nodes starting on a new database race for it.
        var claimant = options.Store == StoreKind.Postgres ? NodeId.LoadOrCreate(options.DataDirectory) : "local";
        if (await bootstrap.CreateIfNewAsync(claimant, cancellationToken) is not { } created)
        {
            return;
        }

        options.ShowBootstrapCredential(new BootstrapCredential(api.Resource, deployment.TenantId, created.Principal.AppId, created.Password.SecretText));
        await bootstrap.MarkShownAsync(created.Principal, cancellationToken);
    }

    /// <summary>
    /// Every node of a PostgreSQL deployment must unseal the same data, so the root key is given, never made up here:
    /// a key file created on one node would leave the others unable to read anything.
    /// </summary>
    private static void RequireSharedRootKey(ServeOptions options)
    {
        if (options.Store == StoreKind.Postgres && options.RootKeyFile is null
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(RootKeyLoader.EnvironmentVariable)))
        {
            throw new InvalidOperationException(
                $"--store postgres needs the deployment's root key given explicitly, the same on every node: set {RootKeyLoader.EnvironmentVariable} or pass --root-key-file.");
        }
    }

    private static void AddStore(IServiceCollection services, ServeOptions options, ILogger bootLogger)
    {
        if (options.Store == StoreKind.Sqlite)
        {
            services.AddCofferSqliteStorage(Path.Combine(options.DataDirectory, "coffer.db"));
            return;
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException("--store postgres needs --connection (or COFFER_CONNECTION) with an Npgsql connection string.");
        }

        // Host and database only: the connection string holds the password.
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
        Log.PostgresStore(bootLogger, connection.Database, connection.Host);
        services.AddCofferPostgresStorage(options.ConnectionString);

        // Many nodes may share the database: caches hear each other's changes, and jobs run under leases.
        services.AddCofferPostgresCluster();
    }

    private static ServerCertificateSource CreateCertificateSource(ServeOptions options, RootKey rootKey, out LocalCertificateAuthority? authority)
    {
        if (options.TlsCertificateFile is not null)
        {
            authority = null;
            var certificate = X509Certificate2.CreateFromPemFile(options.TlsCertificateFile, options.TlsKeyFile);
            return new ServerCertificateSource(X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null), options.DnsSuffix);
        }

        authority = LocalCertificateAuthority.LoadOrCreate(options.DataDirectory, rootKey, TimeProvider.System);
        return new ServerCertificateSource(authority, options.DnsSuffix);
    }

    private static List<IPAddress> DefaultListenAddresses() =>
        Socket.OSSupportsIPv6 ? [IPAddress.Loopback, IPAddress.IPv6Loopback] : [IPAddress.Loopback];
}
