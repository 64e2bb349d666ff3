using Microsoft.Extensions.Options;

namespace IrBot.Integrations.TheHive;

/// <summary>The <c>TheHive</c> section. An empty <see cref="BaseUrl"/> turns the integration off.</summary>
public sealed class TheHiveOptions : IIntegrationOptions
{
    public const string Section = "TheHive";

    /// <summary>e.g. <c>https://thehive.example.com</c>.</summary>
    public string? BaseUrl { get; set; }
    public string? ApiKey { get; set; }

    /// <summary>Sent as <c>X-Organisation</c> when set (act in another organisation than the key's default).</summary>
    public string? Organisation { get; set; }

    /// <summary>1 Low, 2 Medium, 3 High, 4 Critical.</summary>
    public int Severity { get; set; } = 3;

    /// <summary>0 white/clear … 4 red; 2 is amber.</summary>
    public int Tlp { get; set; } = 2;

    /// <summary>0 white … 3 red; 2 is amber.</summary>
    public int Pap { get; set; } = 2;

    public bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl);

    /// <summary>The browser link TheHive 5 itself uses: <c>{base}/cases/{_id}/details</c>.</summary>
    public string CaseUrl(string caseId) => $"{BaseUrl!.TrimEnd('/')}/cases/{Uri.EscapeDataString(caseId)}/details";
}
