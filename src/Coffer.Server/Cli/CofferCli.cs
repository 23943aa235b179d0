using Azure.Identity;
using Coffer.Server.Cli.Client;
using Coffer.Server.Cli.KeyVault;

namespace Coffer.Server.Cli;

/// <summary>The <c>coffer</c> command line.</summary>
internal static class CofferCli
{
    private const string Usage = """
        coffer: a self-hosted secret store that speaks the Azure Key Vault REST API.

        Commands:
          coffer serve [options]                     run the server (coffer serve --help for its options)
          coffer login --service-principal -u APP_ID -p SECRET [--tenant T]
          coffer logout
          coffer keyvault create|show|list|update|delete|recover|purge|list-deleted|show-deleted   vaults (as az keyvault)
          coffer keyvault secret set|show|list|list-versions|set-attributes|download|delete|recover|purge|backup|restore|list-deleted|show-deleted
          coffer keyvault key create|import|show|list|list-versions|set-attributes|rotate|download|delete|recover|purge|backup|restore|list-deleted|show-deleted
          coffer keyvault network-rule add|remove|list   a vault's firewall rules
          coffer lock create|delete|list|show        management locks (as az lock)
          coffer store migrate|copy                  PostgreSQL store: apply its schema; copy a SQLite deployment into it
          coffer alert create|show|list|delete       alert rules over the audit log, sent to a webhook
          coffer identity create|show|list|delete    managed identities (as az identity)
          coffer ad sp create-for-rbac|list|show|delete   service principals (as az ad sp)
          coffer role assignment create|list|delete  role assignments (as az role assignment)
          coffer audit list|verify                   query the audit log; check its hash chains
          coffer exec --identity NAME -- COMMAND     run COMMAND as a managed identity
          coffer env --identity NAME                 print that identity's variables as export lines
          coffer --version                           print the version

        Client commands talk to --server URL, else COFFER_SERVER, else https://localhost:8443, and sign in
        through DefaultAzureCredential's variables or the login saved by 'coffer login'. See docs/cli.md.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var rest = args.Skip(1).ToArray();
            switch (args.FirstOrDefault())
            {
                case "serve" when rest.Any(a => a is "--help" or "-h"):
                    Console.Out.WriteLine(ServeCommand.Usage);
                    return 0;
                case "serve":
                    return await ServeCommand.RunAsync(ServeCommand.Parse(new Arguments(rest)));
                case "login" when rest.Any(a => a is "--help" or "-h"):
                case "logout" when rest.Any(a => a is "--help" or "-h"):
                    throw new HelpRequestedException(LoginCommand.Usage, incomplete: false);
                case "login":
                    return await LoginCommand.LoginAsync(rest);
                case "logout":
                    return await LoginCommand.LogoutAsync(rest);
                case "identity":
                    return await IdentityCommand.RunAsync(rest);
                case "ad" when rest.FirstOrDefault() == "sp":
                    return await ServicePrincipalCommand.RunAsync(rest[1..]);
                case "ad":
                    throw new UsageException("Only 'coffer ad sp' exists. Run 'coffer ad sp --help'.");
                case "role" when rest.FirstOrDefault() == "assignment":
                    return await RoleAssignmentCommand.RunAsync(rest[1..]);
                case "role":
                    throw new UsageException("Only 'coffer role assignment' exists. Run 'coffer role assignment --help'.");
                case "keyvault":
                    return await KeyVaultCommand.RunAsync(rest);
                case "lock":
                    return await LockCommand.RunAsync(rest);
                case "store":
                    return await StoreCommand.RunAsync(rest);
                case "alert":
                    return await AlertCommand.RunAsync(rest);
                case "audit":
                    return await AuditCommand.RunAsync(rest);
                case "exec":
                    return await WorkloadCommands.ExecAsync(rest);
                case "env":
                    return await WorkloadCommands.EnvAsync(rest);
                case "--version":
                    Console.Out.WriteLine(typeof(CofferCli).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
                    return 0;
                case null or "--help" or "-h" or "help":
                    Console.Out.WriteLine(Usage);
                    return args.Length == 0 ? 2 : 0;
                default:
                    throw new UsageException($"Unknown command '{args[0]}'.");
            }
        }
        catch (HelpRequestedException help)
        {
            await (help.Incomplete ? Console.Error : Console.Out).WriteLineAsync(help.Message);
            return help.Incomplete ? 2 : 0;
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync("coffer: " + e.Message);
            await Console.Error.WriteLineAsync("Run 'coffer --help' for the commands.");
            return 2;
        }
        catch (Exception e) when (e is CommandFailedException or CredentialUnavailableException or AuthenticationFailedException)
        {
            // The server's error code and message, or why signing in failed; never a credential.
            await Console.Error.WriteLineAsync("coffer: " + (e is CommandFailedException failed ? failed.Describe() : e.Message));
            return 1;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // Start-up problems the user can fix (a port in use, a locked or unreadable data directory, a bad root key).
            await Console.Error.WriteLineAsync("coffer: " + e.Message);
            return 1;
        }
    }
}
