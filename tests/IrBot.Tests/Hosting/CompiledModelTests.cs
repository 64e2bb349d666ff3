using IrBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace IrBot.Tests.Hosting;

/// <summary>
/// PostgreSQL's contexts use the compiled model in Hosting/CompiledModel instead of building one at start (#15).
/// A compiled model does not follow the entity configurations by itself: after changing them, run
/// <c>scripts/regenerate-migrations.sh</c>, which rebuilds it with the migrations, or this test fails.
/// </summary>
public sealed class CompiledModelTests
{
    [Fact]
    public void The_compiled_PostgreSQL_model_is_the_model_the_entity_configurations_build()
    {
        var options = new DbContextOptionsBuilder<PostgresIrBotDbContext>();
        DataExtensions.ConfigurePostgres(options, "Host=localhost;Database=none");
        using var db = new PostgresIrBotDbContext(options.Options);

        var compiled = db.Model;
        var built = db.GetService<IDesignTimeModel>().Model;

        Assert.IsType<IrBot.Hosting.CompiledModel.PostgresIrBotDbContextModel>(compiled);
        // Entities, properties, keys, indexes and relationships.
        Assert.Equal(built.ToDebugString(MetadataDebugStringOptions.ShortDefault), compiled.ToDebugString(MetadataDebugStringOptions.ShortDefault));
        // How each property is stored, and the tables, columns and indexes that hold them.
        Assert.Equal(Storage(built), Storage(compiled));
    }

    private static List<string> Storage(IModel model) =>
    [
        .. model.GetEntityTypes().Select(e =>
            $"{e.Name}: table {e.GetSchemaQualifiedTableName()}, filter {e.GetDeclaredQueryFilters().Count}, discriminator {e.FindDiscriminatorProperty()?.Name}").Order(StringComparer.Ordinal),
        .. model.GetEntityTypes().SelectMany(e => e.GetProperties()).Select(p =>
            $"{p.DeclaringType.Name}.{p.Name}: {p.ClrType.Name} in column {p.GetColumnName(StoreObjectIdentifier.Table(p.DeclaringType.GetTableName()!, p.DeclaringType.GetSchema()))} " +
            $"as {p.GetProviderClrType()?.Name} via {Converter(p.GetValueConverter())}, max {p.GetMaxLength()}, generated {p.ValueGenerated}, " +
            $"sentinel {p.Sentinel}, comparer {p.GetValueComparer().GetType().Name}").Order(StringComparer.Ordinal),
        .. model.GetRelationalModel().Tables.SelectMany(t => t.Columns.Select(c => $"{t.SchemaQualifiedName}.{c.Name}: {c.StoreType} {(c.IsNullable ? "null" : "not null")}")
            .Concat(t.Indexes.Select(i => $"{t.SchemaQualifiedName} index {i.Name} ({string.Join(", ", i.Columns.Select(c => c.Name))}){(i.IsUnique ? " unique" : "")}"))
            .Concat(t.ForeignKeyConstraints.Select(f => $"{t.SchemaQualifiedName} fk {f.Name} -> {f.PrincipalTable.Name} on delete {f.OnDeleteAction}"))).Order(StringComparer.Ordinal),
    ];

    /// <summary>A converter by what it does, not only its type: every lambda conversion is a <c>ValueConverter`2</c>.</summary>
    private static string Converter(Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? converter) =>
        converter is null ? "none" : $"{converter.GetType().Name}({converter.ConvertToProviderExpression}; {converter.ConvertFromProviderExpression})";
}
