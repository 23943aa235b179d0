using Coffer.Server.Cli;

return await CofferCli.RunAsync(args);
