namespace Coffer.Server.Cli.Client;

/// <summary>The <c>--output</c> (<c>-o</c>) formats, as az names them.</summary>
internal enum OutputFormat
{
    Json,
    Table,
    Tsv,
    None,
}
