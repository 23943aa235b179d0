namespace Coffer.Server.Cli;

/// <summary>The <c>coffer</c> command line.</summary>
internal static class CofferCli
{
    private const string Usage = """
        coffer: a self-hosted secret store that speaks the Azure Key Vault REST API.

        Commands:
          coffer serve [options]   run the server (coffer serve --help for its options)
          coffer --version         print the version
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            switch (args.FirstOrDefault())
            {
                case "serve" when args.Skip(1).Any(a => a is "--help" or "-h"):
                    Console.Out.WriteLine(ServeCommand.Usage);
                    return 0;
                case "serve":
                    return await ServeCommand.RunAsync(ServeCommand.Parse(new Arguments(args.Skip(1))));
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
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync("coffer: " + e.Message);
            await Console.Error.WriteLineAsync("Run 'coffer --help' for the commands.");
            return 2;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // Start-up problems the user can fix (a port in use, a locked or unreadable data directory, a bad root key).
            await Console.Error.WriteLineAsync("coffer: " + e.Message);
            return 1;
        }
    }
}
