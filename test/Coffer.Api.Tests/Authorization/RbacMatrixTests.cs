using System.Net;
using Coffer.Api.Tests.TestSupport;
using Coffer.Core.Authorization;

namespace Coffer.Api.Tests.Authorization;

/// <summary>
/// Every built-in role × every secrets operation × four assignment scopes, over HTTPS with real tokens. The expected
/// outcome is computed, not written down: allowed exactly when the role's data actions match the operation's action
/// (per <see cref="SecretOperationTable"/>) and the assignment's scope contains what the operation acts on.
/// Management roles (Owner, Contributor, Reader, …) have no data actions, so they are denied everywhere.
/// </summary>
public sealed class RbacMatrixTests(RbacMatrixFixture fixture) : IClassFixture<RbacMatrixFixture>
{
    public static TheoryData<string, AssignmentScope, string> Cases()
    {
        var data = new TheoryData<string, AssignmentScope, string>();
        foreach (var role in BuiltInRoles.All)
        {
            foreach (var scope in Enum.GetValues<AssignmentScope>())
            {
                foreach (var operation in SecretOperationTable.All)
                {
                    data.Add(role.Name, scope, operation.Name);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Operation_RoleAtScope_AllowedExactlyWhenRoleAndScopeCoverIt(string roleName, AssignmentScope scope, string operationName)
    {
        // Arrange
        var role = BuiltInRoles.FindByName(roleName)!; // the cases come from BuiltInRoles
        var operation = SecretOperationTable.Find(operationName);
        var (objectId, token) = fixture.Caller(role, scope);
        var scopeCovers = scope == AssignmentScope.Vault || (scope == AssignmentScope.SameSecret && operation.OnObject);
        var expectAllowed = scopeCovers && role.DataActions.Any(pattern => Matches(pattern, operation.DataAction));
        using var request = fixture.RequestAs(token, new HttpMethod(operation.Method), operation.PathAndQuery, operation.Body);

        // Act
        using var response = await fixture.SendAsync(request);

        // Assert
        if (expectAllowed)
        {
            Assert.True(response.StatusCode != HttpStatusCode.Forbidden, $"{roleName} at {scope} was refused {operationName}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            return;
        }

        var message = await Wire.AssertErrorAsync(response, HttpStatusCode.Forbidden, "Forbidden", "ForbiddenByRbac");
        Assert.Contains($"oid={objectId:D}", message, StringComparison.Ordinal);
        Assert.Contains($"Action: '{operation.DataAction}'", message, StringComparison.Ordinal);
        var resource = operation.OnObject ? fixture.DevVaultScope + "/secrets/" + SecretOperationTable.Target : fixture.DevVaultScope;
        Assert.Contains($"Resource: '{resource.ToLowerInvariant()}'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProductTable_AgreesWithAzuresTable()
    {
        // Act
        var product = SecretOperations.All.Select(o => (o.Name, o.DataAction, o.OnObject)).Order().ToArray();
        var azure = SecretOperationTable.All.Select(o => (o.Name, o.DataAction, o.OnObject)).Order().ToArray();

        // Assert
        Assert.Equal(azure, product);
    }

    /// <summary>Azure's action wildcard: <c>*</c> matches any run of characters, case-insensitively (written here, not borrowed).</summary>
    private static bool Matches(string pattern, string action) =>
        System.Text.RegularExpressions.Regex.IsMatch(
            action, "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal) + "$",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase);
}
