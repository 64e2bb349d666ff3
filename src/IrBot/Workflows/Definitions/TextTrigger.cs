using System.Text.RegularExpressions;

namespace IrBot.Workflows.Definitions;

/// <summary>
/// A <c>type: "text"</c> trigger. A message starts the workflow when it contains <see cref="Match"/> (as
/// typed, case-sensitive) or matches <see cref="MatchRegex"/>; either suffices when both are set. Empty
/// filters watch every team and channel.
/// </summary>
public sealed record TextTrigger(string Name, string? TeamName, string? ChannelName, string? Match, Regex? MatchRegex);
