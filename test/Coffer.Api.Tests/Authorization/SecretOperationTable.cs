using Coffer.Core.Authorization;

namespace Coffer.Api.Tests.Authorization;

/// <summary>
/// The secrets data plane as Azure authorizes it, written from Azure's documentation (not read from the product):
/// each operation's request, the RBAC data action it needs and whether it acts on the named secret (so an assignment
/// at that secret's scope is enough) or on the whole vault (lists and restore).
/// </summary>
internal static class SecretOperationTable
{
    public const string Target = "target";

    private static readonly string V = "?api-version=" + TestSupport.ServerFixture.ApiVersion;

    public static IReadOnlyList<WireOperation> All { get; } =
    [
        new("GetSecret", "GET", $"/secrets/{Target}{V}", null, DataActions.SecretGet, OnObject: true),
        new("SetSecret", "PUT", $"/secrets/{Target}{V}", """{"value":"v"}""", DataActions.SecretSet, OnObject: true),
        new("UpdateSecret", "PATCH", $"/secrets/{Target}{V}", """{"contentType":"text/plain"}""", DataActions.SecretUpdate, OnObject: true),
        new("DeleteSecret", "DELETE", $"/secrets/{Target}{V}", null, DataActions.SecretDelete, OnObject: true),
        new("GetSecrets", "GET", $"/secrets{V}", null, DataActions.SecretReadMetadata, OnObject: false),
        new("GetSecretVersions", "GET", $"/secrets/{Target}/versions{V}", null, DataActions.SecretReadMetadata, OnObject: true),
        new("BackupSecret", "POST", $"/secrets/{Target}/backup{V}", null, DataActions.SecretBackup, OnObject: true),
        new("RestoreSecret", "POST", $"/secrets/restore{V}", """{"value":"AAAA"}""", DataActions.SecretRestore, OnObject: false),
        new("GetDeletedSecret", "GET", $"/deletedsecrets/{Target}{V}", null, DataActions.SecretReadMetadata, OnObject: true),
        new("GetDeletedSecrets", "GET", $"/deletedsecrets{V}", null, DataActions.SecretReadMetadata, OnObject: false),
        new("RecoverDeletedSecret", "POST", $"/deletedsecrets/{Target}/recover{V}", null, DataActions.SecretRecover, OnObject: true),
        new("PurgeDeletedSecret", "DELETE", $"/deletedsecrets/{Target}{V}", null, DataActions.SecretPurge, OnObject: true),
    ];

    public static WireOperation Find(string name) => All.Single(o => o.Name == name);
}

internal sealed record WireOperation(string Name, string Method, string PathAndQuery, string? Body, string DataAction, bool OnObject);
