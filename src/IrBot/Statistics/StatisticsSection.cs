namespace IrBot.Statistics;

/// <summary>
/// One section of the statistics (IR Bot incidents, or one workflow) as SQL over its rows. <see cref="RowsSql"/>
/// selects the columns <c>item</c>, <c>title</c>, <c>started_at</c>, <c>acknowledged_at</c> and <c>resolved_at</c>
/// (the last two null until it happens) and must run on PostgreSQL and SQLite; <see cref="StatisticsQuery"/>
/// wraps it in one aggregate query. Parameters are named <c>@x</c> in the SQL; never paste values into it.
/// </summary>
public sealed record StatisticsSection(string Title, string RowsSql, IReadOnlyDictionary<string, object>? Parameters = null);
