using IrBot.Data;
using Npgsql;

namespace IrBot.Tests.Data;

public sealed class DirectConnectionsTests
{
    [Fact]
    public void The_hot_path_statements_are_prepared_unless_the_connection_string_says_otherwise()
    {
        var prepared = new NpgsqlConnectionStringBuilder(DirectConnections.AutoPrepared("Host=db;Database=irbot;Username=irbot;Password=secret"));
        Assert.True(prepared.MaxAutoPrepare > 0);
        Assert.Equal("secret", prepared.Password);

        // A PgBouncer in transaction mode (before 1.21) cannot keep prepared statements: 0 is kept, as is any other choice.
        Assert.Equal(0, new NpgsqlConnectionStringBuilder(DirectConnections.AutoPrepared("Host=db;Max Auto Prepare=0")).MaxAutoPrepare);
        Assert.Equal(50, new NpgsqlConnectionStringBuilder(DirectConnections.AutoPrepared("Host=db;maxautoprepare=50")).MaxAutoPrepare);
    }
}
