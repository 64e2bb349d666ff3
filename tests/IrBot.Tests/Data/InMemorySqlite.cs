using IrBot.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IrBot.Tests.Data;

/// <summary>
/// An in-memory SQLite database migrated with the real SQLite migrations, configured as the app configures it.
/// It lives as long as the open connection the caller owns.
/// </summary>
internal static class InMemorySqlite
{
    public static async Task<SqliteIrBotDbContext> OpenMigratedAsync(SqliteConnection connection, params IInterceptor[] interceptors)
    {
        await connection.OpenAsync();
        var options = new DbContextOptionsBuilder<SqliteIrBotDbContext>();
        DataExtensions.ConfigureSqlite(options, "Data Source=:memory:");
        options.UseSqlite(connection).AddInterceptors(interceptors);
        var db = new SqliteIrBotDbContext(options.Options);
        await db.Database.MigrateAsync();
        return db;
    }
}
