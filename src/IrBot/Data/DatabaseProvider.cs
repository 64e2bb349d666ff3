using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Design;

namespace IrBot.Data;

public enum DatabaseProvider
{
    PostgreSql,
    Sqlite,
}
