namespace IrBot.Statistics;

/// <summary>The items counted: started at or after <see cref="Since"/>, before <see cref="Until"/>.</summary>
public sealed record StatisticsWindow(DateTime Since, DateTime Until, StatisticsReset? Reset);
