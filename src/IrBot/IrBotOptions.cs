namespace IrBot;

/// <summary>The <c>IrBot</c> section: settings of the bot itself.</summary>
public sealed class IrBotOptions
{
    public const string Section = "IrBot";

    /// <summary>The private channel where the IR team gets errors, reports and Kick buttons. Empty: log only.</summary>
    public string? AdminChannelId { get; set; }

    /// <summary>Where the embedded SQLite database lives when no connection string is set.</summary>
    public string DataDirectory { get; set; } = "data";
}
