namespace IrBot.SlackApp;

/// <summary>A stored button click or shortcut (the payload of <see cref="SlackInteractionWork"/>).</summary>
/// <param name="PayloadJson">The interaction as Slack sent it.</param>
/// <param name="Duplicate">The same click arrived before: only tell the clicker it is already being handled.</param>
public sealed record SlackInteractionRequest(string PayloadJson, bool Duplicate = false);
