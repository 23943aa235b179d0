using Coffer.Core.Alerts;
using Coffer.Core.Audit;

namespace Coffer.Core.Tests.Alerts;

/// <summary>One evaluation's decision: the threshold boundary, the window's edges, and never counting a record twice.</summary>
public sealed class AlertEvaluationTests
{
    private const string Subscription = "/subscriptions/5d1b0c4e-2a55-4a40-8f3b-3b7e8f0a9c11";
    private const string Caller = "0f6a1d3e-4b1c-4f5e-9a7d-2c3b4a5d6e7f";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static AlertRule Rule(int threshold = 0, AlertCursor? cursor = null) => new("rg", "denied")
    {
        Scope = Subscription + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/billing",
        Operations = ["SecretGet"],
        ResultTypes = ["Unauthorized", "Forbidden"],
        Threshold = threshold,
        Window = TimeSpan.FromMinutes(5),
        Frequency = TimeSpan.FromMinutes(1),
        Webhook = new Uri("https://hooks.example.com/a"),
        State = new AlertRuleState(null, null, cursor),
    };

    private static AuditRecord Record(DateTimeOffset time, long sequence, string operation = "SecretGet", string result = "Forbidden", string vault = "billing", string chain = "node-a", AuditIdentity? identity = null) => new()
    {
        ChainId = chain,
        Sequence = sequence,
        Time = time,
        ResourceId = Subscription + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/" + vault,
        VaultName = vault,
        OperationName = operation,
        ResultType = result,
        ResultSignature = result,
        RequestUri = $"https://{vault}.localhost/secrets/s",
        HttpStatusCode = result == "Forbidden" ? 403 : 200,
        Identity = identity,
    };

    /// <summary>Offers records newest first, as the audit store returns them.</summary>
    private static AlertEvaluation Evaluate(AlertRule rule, params AuditRecord[] records)
    {
        var evaluation = new AlertEvaluation(rule, Now);
        foreach (var record in records.OrderByDescending(r => r.Time).ThenByDescending(r => r.Sequence))
        {
            if (!evaluation.Offer(record))
            {
                break;
            }
        }

        return evaluation;
    }

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(0, 1, true)]
    [InlineData(2, 2, false)]
    [InlineData(2, 3, true)]
    public void Fires_OnlyWhenCountIsGreaterThanThreshold(int threshold, int records, bool fires)
    {
        // Arrange
        var burst = Enumerable.Range(1, records).Select(i => Record(Now.AddSeconds(-i), i)).ToArray();

        // Act
        var evaluation = Evaluate(Rule(threshold), burst);

        // Assert
        Assert.Equal(records, evaluation.Count);
        Assert.Equal(fires, evaluation.Fires);
        Assert.Equal(fires, evaluation.Notification(Guid.NewGuid()) is not null);
    }

    [Fact]
    public void Window_IncludesItsStartAndExcludesNow()
    {
        // Arrange
        var atStart = Record(Now.AddMinutes(-5), 1);
        var beforeStart = Record(Now.AddMinutes(-5).AddTicks(-10), 2);
        var atNow = Record(Now, 3);
        var inside = Record(Now.AddMinutes(-2), 4);

        // Act
        var evaluation = Evaluate(Rule(), atStart, beforeStart, atNow, inside);
        var notification = evaluation.Notification(Guid.NewGuid());

        // Assert
        Assert.NotNull(notification);
        Assert.Equal([4L, 1L], notification.Records.Select(r => r.Sequence));
        Assert.Equal(Now.AddMinutes(-5), notification.WindowStart);
        Assert.Equal(Now, notification.WindowEnd);
        Assert.True(evaluation.Done);
    }

    [Fact]
    public void Condition_FiltersOperationResultVaultAndCaller()
    {
        // Arrange
        var rule = Rule() with { Caller = Caller };
        var byOid = Record(Now.AddSeconds(-1), 1, identity: new AuditIdentity(Caller, null, null));
        var byAppId = Record(Now.AddSeconds(-2), 2, identity: new AuditIdentity("11111111-1111-1111-1111-111111111111", Caller.ToUpperInvariant(), null));
        var otherCaller = Record(Now.AddSeconds(-3), 3, identity: new AuditIdentity("11111111-1111-1111-1111-111111111111", null, null));
        var allowed = Record(Now.AddSeconds(-4), 4, result: "Success", identity: new AuditIdentity(Caller, null, null));
        var otherOperation = Record(Now.AddSeconds(-5), 5, operation: "SecretList", identity: new AuditIdentity(Caller, null, null));
        var otherVault = Record(Now.AddSeconds(-6), 6, vault: "payroll", identity: new AuditIdentity(Caller, null, null));
        var anonymous = Record(Now.AddSeconds(-7), 7);

        // Act
        var evaluation = Evaluate(rule, byOid, byAppId, otherCaller, allowed, otherOperation, otherVault, anonymous);

        // Assert
        Assert.Equal([1L, 2L], evaluation.Notification(Guid.NewGuid())!.Records.Select(r => r.Sequence));
    }

    [Fact]
    public void EmptyResultTypesAndSubscriptionScope_MatchEveryResultAndVault()
    {
        // Arrange
        var rule = Rule() with { Scope = Subscription, ResultTypes = [] };

        // Act
        var evaluation = Evaluate(rule, Record(Now.AddSeconds(-1), 1, result: "Success"), Record(Now.AddSeconds(-2), 2, vault: "payroll"));

        // Assert
        Assert.Null(rule.VaultName);
        Assert.Equal(2, evaluation.Count);
    }

    [Fact]
    public void Cursor_RecordsAlreadySentNeverCountAgain_ButLaterOnesAtTheSameTimeDo()
    {
        // Arrange
        var sent = Record(Now.AddMinutes(-1), 7, chain: "node-a");
        var first = Evaluate(Rule(), sent, Record(Now.AddMinutes(-2), 6, chain: "node-a"));
        var state = first.NextState(delivered: true);
        var sameTimeLaterSequence = Record(sent.Time, 8, chain: "node-a");
        var sameTimeOtherChain = Record(sent.Time, 1, chain: "node-b");
        var newer = Record(Now.AddSeconds(-10), 9, chain: "node-a");

        // Act
        var again = Evaluate(Rule() with { State = state }, sent, Record(Now.AddMinutes(-2), 6, chain: "node-a"));
        var next = Evaluate(Rule() with { State = state }, sent, sameTimeLaterSequence, sameTimeOtherChain, newer, Record(Now.AddMinutes(-2), 6, chain: "node-a"));

        // Assert
        Assert.Equal(new AlertCursor(sent.Time, "node-a", 7), state.Cursor);
        Assert.Equal(Now, state.LastFired);
        Assert.Equal(0, again.Count);
        Assert.False(again.Fires);
        Assert.Equal(3, next.Count);
        Assert.Equal(9, next.NextState(delivered: true).Cursor!.Sequence);
    }

    [Fact]
    public void NextState_UndeliveredOrNotFired_KeepsTheCursorAndRecordsTheEvaluation()
    {
        // Arrange
        var cursor = new AlertCursor(Now.AddMinutes(-3), "node-a", 1);
        var fired = Evaluate(Rule(cursor: cursor), Record(Now.AddSeconds(-5), 2));
        var quiet = Evaluate(Rule(cursor: cursor));

        // Act
        var undelivered = fired.NextState(delivered: false);
        var nothing = quiet.NextState(delivered: false);

        // Assert
        Assert.True(fired.Fires);
        Assert.Equal(new AlertRuleState(Now, null, cursor), undelivered);
        Assert.Equal(new AlertRuleState(Now, null, cursor), nothing);
    }

    [Fact]
    public void Query_StartsAtTheLaterOfWindowStartAndCursor()
    {
        // Arrange
        var recent = new AlertCursor(Now.AddMinutes(-1), "node-a", 5);
        var old = new AlertCursor(Now.AddHours(-1), "node-a", 1);

        // Act
        var fromCursor = new AlertEvaluation(Rule(cursor: recent), Now).Query(100);
        var fromWindow = new AlertEvaluation(Rule(cursor: old), Now).Query(100);

        // Assert
        Assert.Equal(recent.Time, fromCursor.Since);
        Assert.Equal(Now.AddMinutes(-5), fromWindow.Since);
        Assert.Equal(Now, fromWindow.Until);
        Assert.Equal(AuditOrder.NewestFirst, fromWindow.Order);
        Assert.Equal("billing", fromWindow.VaultName);
        Assert.Equal(["SecretGet"], fromWindow.OperationNames);
        Assert.Equal(["Unauthorized", "Forbidden"], fromWindow.ResultTypes);
    }

    [Fact]
    public void Notification_ListsAtMostMaxRecordsNewestFirst_AndCountsTheRest()
    {
        // Arrange
        var flood = Enumerable.Range(1, AlertEvaluation.MaxRecordsSent + 10).Select(i => Record(Now.AddMilliseconds(-i), i)).ToArray();

        // Act
        var notification = Evaluate(Rule(), flood).Notification(Guid.NewGuid());

        // Assert
        Assert.NotNull(notification);
        Assert.Equal(AlertEvaluation.MaxRecordsSent + 10, notification.Count);
        Assert.Equal(AlertEvaluation.MaxRecordsSent, notification.Records.Count);
        Assert.True(notification.Truncated);
        Assert.Equal(1, notification.Records[0].Sequence);
    }
}
