namespace IrBot.Integrations.Confluence;

/// <summary>Where <see cref="ConfluencePages.AddSectionOnceAsync"/> puts a section.</summary>
public enum SectionPlace
{
    Top,
    Bottom,
}
