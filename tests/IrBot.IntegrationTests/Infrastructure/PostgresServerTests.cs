using IrBot.TestSupport;
using Npgsql;

namespace IrBot.IntegrationTests.Infrastructure;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task Each_created_database_is_empty_usable_and_isolated()
    {
        var server = await PostgresServer.GetAsync();
        Assert.Same(server, await PostgresServer.GetAsync());

        var first = await server.CreateDatabaseAsync();
        var second = await server.CreateDatabaseAsync();
        Assert.NotEqual(new NpgsqlConnectionStringBuilder(first).Database, new NpgsqlConnectionStringBuilder(second).Database);

        await ExecuteAsync(first, "CREATE TABLE probe (id int PRIMARY KEY); INSERT INTO probe VALUES (1);");
        Assert.Equal(1L, await ScalarAsync(first, "SELECT count(*) FROM probe"));
        Assert.Equal(0L, await ScalarAsync(second, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'probe'"));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
