using Coffer.Core.Abstractions;
using Coffer.Core.Alerts;
using Coffer.Core.Audit;

namespace Coffer.Storage.Tests;

/// <summary>Alert rules: one per resource group and name (case-insensitive), their state kept across replacements.</summary>
public abstract class AlertRuleStoreContractTests
{
    private const string Subscription = "/subscriptions/5d1b0c4e-2a55-4a40-8f3b-3b7e8f0a9c11";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_790_000_000);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IAlertRuleStore> CreateStoreAsync();

    private static AlertRule Rule(string group, string name) => new(group, name)
    {
        Scope = Subscription + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/billing",
        Operations = ["SecretGet", "SecretList"],
        ResultTypes = ["Unauthorized", "Forbidden"],
        Caller = "0f6a1d3e-4b1c-4f5e-9a7d-2c3b4a5d6e7f",
        Threshold = 4,
        Window = TimeSpan.FromMinutes(15),
        Frequency = TimeSpan.FromMinutes(5),
        Webhook = new Uri("https://hooks.example.com/coffer?route=a"),
        Enabled = false,
        Severity = 1,
        Description = "denied reads",
    };

    [Fact]
    public async Task PutAsync_NewThenOtherCasing_CreatesThenReplacesEveryField()
    {
        // Arrange
        var store = await CreateStoreAsync();
        var first = Rule("rg", "denied-reads");
        var second = new AlertRule("RG", "DENIED-READS") { Scope = Subscription, Operations = ["KeySign"], Webhook = new Uri("http://127.0.0.1:9000/hook") };

        // Act
        var created = await store.PutAsync(first, Ct);
        var stored = await store.GetAsync("Rg", "Denied-Reads", Ct);
        var createdAgain = await store.PutAsync(second, Ct);
        var replaced = Assert.Single(await store.ListAsync(Ct));

        // Assert
        Assert.True(created);
        Assert.Equal(first, stored);
        Assert.Equal("billing", stored?.VaultName);
        Assert.False(createdAgain);
        Assert.Equal("rg", replaced.ResourceGroup);
        Assert.Equal(Subscription, replaced.Scope);
        Assert.Null(replaced.VaultName);
        Assert.Equal(["KeySign"], replaced.Operations);
        Assert.Empty(replaced.ResultTypes);
        Assert.Null(replaced.Caller);
        Assert.Equal(0, replaced.Threshold);
        Assert.Equal(TimeSpan.FromMinutes(5), replaced.Window);
        Assert.Equal(TimeSpan.FromMinutes(1), replaced.Frequency);
        Assert.Equal(new Uri("http://127.0.0.1:9000/hook"), replaced.Webhook);
        Assert.True(replaced.Enabled);
        Assert.Equal(3, replaced.Severity);
        Assert.Null(replaced.Description);
    }

    [Fact]
    public async Task SaveStateAsync_KeepsEveryChainsPosition_AndAReplacementKeepsWhatWasSentButForgetsWhatWasSeen()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.PutAsync(Rule("rg", "stateful"), Ct);
        var sent = ChainSequences.Parse("0a1b2c3d4e5f60718293a4b5c6d7e8f9:42,local:7");
        var seen = ChainSequences.Parse("0a1b2c3d4e5f60718293a4b5c6d7e8f9:45,local:9");
        var state = new AlertRuleState(Now, Now.AddSeconds(-60), sent, seen);

        // Act
        var saved = await store.SaveStateAsync("RG", "Stateful", state, Ct);
        var read = await store.GetAsync("rg", "stateful", Ct);
        await store.PutAsync(Rule("rg", "stateful") with { Threshold = 9 }, Ct);
        var replaced = await store.GetAsync("rg", "stateful", Ct);

        // Assert
        Assert.True(saved);
        Assert.Equal(state, read!.State);
        Assert.Equal(9, replaced!.Threshold);
        Assert.Equal(state with { Seen = null }, replaced.State);
    }

    [Fact]
    public async Task SaveStateAsync_NothingSentOrSeenYet_ReadsBackAsSuch()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.PutAsync(Rule("rg", "fresh"), Ct);
        var state = new AlertRuleState(Now, null, ChainSequences.Empty, ChainSequences.Empty);

        // Act
        await store.SaveStateAsync("rg", "fresh", state, Ct);
        var read = await store.GetAsync("rg", "fresh", Ct);

        // Assert
        Assert.Equal(state, read!.State);
    }

    [Fact]
    public async Task SaveStateAsync_MissingRule_ReturnsFalse()
    {
        // Arrange
        var store = await CreateStoreAsync();

        // Act
        var saved = await store.SaveStateAsync("rg", "absent", new AlertRuleState(Now, null, ChainSequences.Empty, null), Ct);

        // Assert
        Assert.False(saved);
        Assert.Empty(await store.ListAsync(Ct));
    }

    [Fact]
    public async Task DeleteAsync_ExistingThenAgain_TrueThenFalse_OtherGroupsUntouched()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.PutAsync(Rule("rg", "temp"), Ct);
        await store.PutAsync(Rule("other", "temp"), Ct);

        // Act
        var deleted = await store.DeleteAsync("RG", "TEMP", Ct);
        var again = await store.DeleteAsync("rg", "temp", Ct);

        // Assert
        Assert.True(deleted);
        Assert.False(again);
        Assert.Null(await store.GetAsync("rg", "temp", Ct));
        Assert.Equal("other", Assert.Single(await store.ListAsync(Ct)).ResourceGroup);
    }

    [Fact]
    public async Task ListAsync_OrdersByGroupThenName()
    {
        // Arrange
        var store = await CreateStoreAsync();
        await store.PutAsync(Rule("b", "one"), Ct);
        await store.PutAsync(Rule("a", "two"), Ct);
        await store.PutAsync(Rule("a", "one"), Ct);

        // Act
        var rules = await store.ListAsync(Ct);

        // Assert
        Assert.Equal(["a/one", "a/two", "b/one"], rules.Select(r => $"{r.ResourceGroup}/{r.Name}"));
    }
}
