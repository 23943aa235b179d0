using Coffer.Core.Alerts;
using Coffer.Core.Audit;
using Coffer.Core.Tests.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Core.Tests.Alerts;

/// <summary>The schedule and the remembered position: due rules only, one alert per burst, a failed delivery retried, no re-fire after a restart, a late record still alerted on.</summary>
public sealed class AlertEvaluatorTests
{
    private const string Subscription = "/subscriptions/5d1b0c4e-2a55-4a40-8f3b-3b7e8f0a9c11";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAlertRuleStore _rules = new();
    private readonly ListAuditStore _audit = new();
    private readonly RecordingAlertSender _sender = new();
    private long _sequence;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AlertEvaluator NewEvaluator() => new(_rules, _audit, _sender, _time);

    private Task PutRuleAsync(int threshold = 0, bool enabled = true, string name = "denied") => _rules.PutAsync(new AlertRule("rg", name)
    {
        Scope = Subscription,
        Operations = ["SecretGet"],
        ResultTypes = ["Forbidden"],
        Threshold = threshold,
        Window = TimeSpan.FromMinutes(5),
        Frequency = TimeSpan.FromMinutes(2),
        Webhook = new Uri("https://hooks.example.com/a"),
        Enabled = enabled,
    }, Ct);

    private void Denied(int count, string result = "Forbidden", TimeSpan? ago = null)
    {
        for (var i = 0; i < count; i++)
        {
            _audit.Add(new AuditRecord
            {
                ChainId = "node-a",
                Sequence = ++_sequence,
                Time = _time.GetUtcNow().AddMilliseconds(-count + i) - (ago ?? TimeSpan.Zero),
                ResourceId = Subscription + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/billing",
                VaultName = "billing",
                OperationName = "SecretGet",
                ResultType = result,
                ResultSignature = result,
                RequestUri = "https://billing.localhost/secrets/s",
                HttpStatusCode = result == "Forbidden" ? 403 : 200,
            });
        }
    }

    [Fact]
    public async Task RunDue_BurstThenNothingNew_FiresOnceWithTheBurst()
    {
        // Arrange
        await PutRuleAsync();
        var evaluator = NewEvaluator();
        Denied(3);
        Denied(2, result: "Success");
        _time.Advance(TimeSpan.FromMinutes(1));

        // Act
        var first = await evaluator.RunDueAsync(Ct);
        _time.Advance(TimeSpan.FromMinutes(2));
        var second = await evaluator.RunDueAsync(Ct);

        // Assert
        Assert.Equal(1, first);
        Assert.Equal(0, second);
        var sent = Assert.Single(_sender.Sent);
        Assert.Equal([3L, 2L, 1L], sent.Records.Select(r => r.Sequence));
        var state = (await _rules.GetAsync("rg", "denied", Ct))!.State;
        Assert.Equal(_time.GetUtcNow(), state.LastEvaluated);
        Assert.Equal(ChainSequences.Parse("node-a:3"), state.Sent);
    }

    [Fact]
    public async Task RunDue_BeforeFrequencyHasPassed_DoesNotEvaluate_AndDisabledRulesNever()
    {
        // Arrange
        await PutRuleAsync();
        await PutRuleAsync(name: "off", enabled: false);
        var evaluator = NewEvaluator();
        await evaluator.RunDueAsync(Ct);
        Denied(1);
        var queries = _audit.Queries;

        // Act
        _time.Advance(TimeSpan.FromMinutes(1));
        var early = await evaluator.RunDueAsync(Ct);
        var queriesWhenEarly = _audit.Queries;
        _time.Advance(TimeSpan.FromMinutes(1));
        var due = await evaluator.RunDueAsync(Ct);

        // Assert
        Assert.Equal(0, early);
        Assert.Equal(queries, queriesWhenEarly);
        Assert.Equal(1, due);
        Assert.All(_sender.Sent, n => Assert.Equal("denied", n.Rule.Name));
        Assert.Null((await _rules.GetAsync("rg", "off", Ct))!.State.LastEvaluated);
    }

    [Fact]
    public async Task RunDue_WebhookDown_SendsTheSameRecordsAgainNextRound()
    {
        // Arrange
        await PutRuleAsync();
        var evaluator = NewEvaluator();
        Denied(2);
        _sender.Accepts = false;
        await evaluator.RunDueAsync(Ct);
        _sender.Accepts = true;

        // Act
        _time.Advance(TimeSpan.FromMinutes(2));
        var delivered = await evaluator.RunDueAsync(Ct);

        // Assert
        Assert.Equal(1, delivered);
        Assert.Equal(2, _sender.Sent.Count);
        Assert.Equal(_sender.Sent[0].Records.Select(r => r.Sequence), _sender.Sent[1].Records.Select(r => r.Sequence));
        Assert.Null(_sender.Sent[0].Rule.State.LastFired);
    }

    [Fact]
    public async Task RunDue_AfterRestart_DoesNotFireForRecordsAlreadySent()
    {
        // Arrange
        await PutRuleAsync();
        Denied(4);
        await NewEvaluator().RunDueAsync(Ct);

        // Act
        _time.Advance(TimeSpan.FromMinutes(2));
        var restarted = await NewEvaluator().RunDueAsync(Ct);
        Denied(1);
        _time.Advance(TimeSpan.FromMinutes(2));
        var withOneNew = await NewEvaluator().RunDueAsync(Ct);

        // Assert
        Assert.Equal(0, restarted);
        Assert.Equal(1, withOneNew);
        Assert.Equal(2, _sender.Sent.Count);
        Assert.Equal(5, Assert.Single(_sender.Sent[1].Records).Sequence);
    }

    [Fact]
    public async Task RunDue_RecordArrivingAfterTheEvaluationThatCoveredItsTime_FiresNextRound()
    {
        // Arrange: a burst fires; then a request that started 90 s before that evaluation is recorded.
        await PutRuleAsync();
        var evaluator = NewEvaluator();
        Denied(2);
        await evaluator.RunDueAsync(Ct);
        Denied(1, ago: TimeSpan.FromSeconds(90));

        // Act
        _time.Advance(TimeSpan.FromMinutes(2));
        var fired = await evaluator.RunDueAsync(Ct);
        _time.Advance(TimeSpan.FromMinutes(2));
        var again = await evaluator.RunDueAsync(Ct);

        // Assert
        Assert.Equal(1, fired);
        Assert.Equal(0, again);
        Assert.Equal(3, Assert.Single(_sender.Sent[1].Records).Sequence);
    }

    [Fact]
    public async Task RunDue_ManyPages_CountsEveryRecordAgainstTheThreshold()
    {
        // Arrange
        await PutRuleAsync(threshold: 1200);
        Denied(1201);

        // Act
        var fired = await NewEvaluator().RunDueAsync(Ct);

        // Assert
        Assert.Equal(1, fired);
        var sent = Assert.Single(_sender.Sent);
        Assert.Equal(1201, sent.Count);
        Assert.Equal(AlertEvaluation.MaxRecordsSent, sent.Records.Count);
        Assert.True(_audit.Queries >= 3);
    }
}
