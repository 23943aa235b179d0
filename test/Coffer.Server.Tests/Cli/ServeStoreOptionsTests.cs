using Coffer.Server.Cli;
using Coffer.Server.Hosting;

namespace Coffer.Server.Tests.Cli;

public sealed class ServeStoreOptionsTests
{
    [Fact]
    public void Parse_StorePostgresWithConnection_SetsBoth()
    {
        // Act
        var options = ServeCommand.Parse(new Arguments(["--store", "PostgreSQL", "--connection", "Host=db;Database=coffer"]));

        // Assert
        Assert.Equal(StoreKind.Postgres, options.Store);
        Assert.Equal("Host=db;Database=coffer", options.ConnectionString);
    }

    [Theory]
    [InlineData("--store", "postgres")]
    [InlineData("--connection", "Host=db", "--store", "sqlite")]
    [InlineData("--store", "mysql")]
    public void Parse_InconsistentStoreOptions_IsAUsageError(params string[] args)
    {
        // Act
        var error = Assert.Throws<UsageException>(() => ServeCommand.Parse(new Arguments(args)));

        // Assert
        Assert.Contains(args[0] == "--connection" ? "--connection" : "--store", error.Message, StringComparison.Ordinal);
    }
}
