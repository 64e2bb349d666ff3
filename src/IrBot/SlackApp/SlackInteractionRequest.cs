namespace IrBot.SlackApp;

/// <summary>A stored button click or shortcut (the payload of <see cref="SlackInteractionWork"/>).</summary>
public sealed record SlackInteractionRequest(string PayloadJson);
