namespace IrBot.Integrations.SumoLogic;

/// <summary>The <c>SumoLogic</c> section. An empty <see cref="CollectorUrl"/> turns the integration off.</summary>
public sealed class SumoLogicOptions
{
    public const string Section = "SumoLogic";
    public const int MaxBatchBytes = 1_000_000;

    /// <summary>The HTTP Logs source URL. The whole URL is a secret (it carries the collector code): never logged.</summary>
    public string? CollectorUrl { get; set; }

    /// <summary>Largest POST body before compression; Sumo refuses above 1 MB.</summary>
    public int BatchBytes { get; set; } = 512 * 1024;

    /// <summary>How often pending events are looked for when nothing wakes the sender.</summary>
    public int FlushSeconds { get; set; } = 5;

    /// <summary>Longest wait between attempts while Sumo Logic keeps failing.</summary>
    public int MaxBackoffSeconds { get; set; } = 300;

    public bool Enabled => !string.IsNullOrWhiteSpace(CollectorUrl);
}
