using Coffer.Core.Alerts;
using Coffer.Core.Errors;

namespace Coffer.Core.Tests.Alerts;

/// <summary>Every limit of a rule refuses with ARM's 400 naming the property at fault.</summary>
public sealed class AlertRuleLimitsTests
{
    private static readonly AlertRule Valid = new("rg", "denied-reads")
    {
        Scope = "/subscriptions/5d1b0c4e-2a55-4a40-8f3b-3b7e8f0a9c11",
        Operations = ["SecretGet"],
        ResultTypes = ["Unauthorized", "Forbidden"],
        Webhook = new Uri("https://hooks.example.com/a"),
    };

    public static TheoryData<string, string> Invalid() => new()
    {
        { "operations-empty", "properties.operationNames" },
        { "operations-too-many", "properties.operationNames" },
        { "operation-not-letters", "properties.operationNames" },
        { "result-repeated", "properties.resultTypes" },
        { "caller-not-guid", "properties.caller" },
        { "threshold-negative", "properties.threshold" },
        { "threshold-too-big", "properties.threshold" },
        { "window-too-short", "properties.windowSize" },
        { "window-too-long", "properties.windowSize" },
        { "window-seconds", "properties.windowSize" },
        { "frequency-over-window", "properties.evaluationFrequency" },
        { "frequency-too-long", "properties.evaluationFrequency" },
        { "severity", "properties.severity" },
        { "webhook-http", "properties.webhookUrl" },
        { "webhook-userinfo", "properties.webhookUrl" },
        { "webhook-ftp", "properties.webhookUrl" },
    };

    private static AlertRule Break(string what) => what switch
    {
        "operations-empty" => Valid with { Operations = [] },
        "operations-too-many" => Valid with { Operations = [.. Enumerable.Range(0, 21).Select(i => "Op" + new string('a', i + 1))] },
        "operation-not-letters" => Valid with { Operations = ["Secret Get"] },
        "result-repeated" => Valid with { ResultTypes = ["Forbidden", "forbidden"] },
        "caller-not-guid" => Valid with { Caller = "alice" },
        "threshold-negative" => Valid with { Threshold = -1 },
        "threshold-too-big" => Valid with { Threshold = AlertRuleLimits.MaxThreshold + 1 },
        "window-too-short" => Valid with { Window = TimeSpan.FromSeconds(30), Frequency = TimeSpan.FromSeconds(30) },
        "window-too-long" => Valid with { Window = TimeSpan.FromDays(3) },
        "window-seconds" => Valid with { Window = TimeSpan.FromSeconds(90) },
        "frequency-over-window" => Valid with { Window = TimeSpan.FromMinutes(5), Frequency = TimeSpan.FromMinutes(10) },
        "frequency-too-long" => Valid with { Window = TimeSpan.FromDays(1), Frequency = TimeSpan.FromHours(2) },
        "severity" => Valid with { Severity = 5 },
        "webhook-http" => Valid with { Webhook = new Uri("http://hooks.example.com/a") },
        "webhook-userinfo" => Valid with { Webhook = new Uri("https://user:pass@hooks.example.com/a") },
        "webhook-ftp" => Valid with { Webhook = new Uri("ftp://hooks.example.com/a") },
        _ => throw new ArgumentOutOfRangeException(nameof(what)),
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_BrokenProperty_Throws400NamingIt(string what, string property)
    {
        // Arrange
        var rule = Break(what);

        // Act
        var error = Assert.Throws<CofferException>(() => AlertRuleLimits.Validate(rule));

        // Assert
        Assert.Equal(400, error.Status);
        Assert.Equal("BadRequest", error.Code);
        Assert.StartsWith($"The alert rule property '{property}' is invalid: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://[::1]:8080/hook")]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("https://hooks.example.com/services/T000/B000")]
    public void Validate_HttpsOrLoopbackHttp_Passes(string webhook)
    {
        // Arrange
        var rule = Valid with { Webhook = new Uri(webhook), Threshold = AlertRuleLimits.MaxThreshold, Window = TimeSpan.FromDays(2), Frequency = TimeSpan.FromHours(1) };

        // Act
        var error = Record.Exception(() => AlertRuleLimits.Validate(rule));

        // Assert
        Assert.Null(error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-leading")]
    [InlineData("has space")]
    [InlineData("a/b")]
    public void Validate_BadName_Throws400InvalidResourceName(string name)
    {
        // Arrange
        var rule = Valid with { Name = name };

        // Act
        var error = Assert.Throws<CofferException>(() => AlertRuleLimits.Validate(rule));

        // Assert
        Assert.Equal(400, error.Status);
        Assert.Equal("InvalidResourceName", error.Code);
    }
}
