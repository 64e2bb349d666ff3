using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IrBot.Data;

/// <summary>
/// A connection for one plain-SQL statement on a hot path (<c>/note</c>), without renting a DbContext:
/// PostgreSQL's from one pooled <see cref="NpgsqlDataSource"/>, SQLite's a new connection to the same file
/// (Microsoft.Data.Sqlite pools them). Everything else goes through <see cref="IrBotDbContext"/>.
/// </summary>
/// <remarks>
/// The data source is held here rather than registered as a service: Npgsql's EF Core provider picks up a
/// registered <see cref="NpgsqlDataSource"/> for its contexts, and hosts that each bring their own (the tests
/// start many) would each cost EF Core an internal service provider.
/// </remarks>
public sealed class DirectConnections : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqlite;

    private DirectConnections(NpgsqlDataSource? postgres, string? sqlite)
    {
        _postgres = postgres;
        _sqlite = sqlite;
    }

    /// <summary>Statements run here are few and run often, so Npgsql prepares them (<see cref="AutoPrepared"/>).</summary>
    public static DirectConnections Postgres(string connectionString) => new(NpgsqlDataSource.Create(AutoPrepared(connectionString)), null);

    /// <summary>
    /// The connection string with <c>Max Auto Prepare</c> set, unless it sets it itself (0 for a PgBouncer in transaction
    /// mode older than 1.21, which cannot keep prepared statements): PostgreSQL then parses and plans the note's insert
    /// once per connection instead of once per note, and Npgsql no longer reads its row description each time.
    /// </summary>
    public static string AutoPrepared(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare"))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = AutoPrepareStatements }.ConnectionString;
    }

    /// <summary>More than the statements run here (the note's insert and its refusal's question).</summary>
    private const int AutoPrepareStatements = 8;

    public static DirectConnections Sqlite(string connectionString) => new(null, connectionString);

    /// <summary>An open connection; dispose it to give it back to the pool.</summary>
    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_sqlite);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// A command whose SQL numbers its parameters <c>$1</c>, <c>$2</c>, … (valid for both providers). PostgreSQL gets
    /// them by position, so Npgsql sends the SQL as written instead of parsing it to rewrite names; SQLite by those names.
    /// </summary>
    public DbCommand CreateCommand(DbConnection connection, string sql, params ReadOnlySpan<object> values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            if (_postgres is null)
            {
                parameter.ParameterName = "$" + (i + 1).ToString(CultureInfo.InvariantCulture);
            }

            parameter.Value = values[i];
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
}
