namespace IrBot.Integrations;

/// <summary>Registered by each integration so the start-up log says which are on.</summary>
public sealed record IntegrationStatus(string Name, bool Enabled);
