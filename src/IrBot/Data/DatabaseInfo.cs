using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Design;

namespace IrBot.Data;

/// <summary>Which database this instance uses, for the start-up log and the migrate command.</summary>
public sealed record DatabaseInfo(DatabaseProvider Provider, string Description)
{
    /// <summary>Where the database is, for logs: the SQLite file, or PostgreSQL's host, port and database (never the password).</summary>
    public string Where { get; init; } = Description;
}
