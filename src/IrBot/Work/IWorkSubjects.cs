namespace IrBot.Work;

/// <summary>Names what a work item concerns ("incident 12 (#ir-20261130)") for people; a feature implements it.</summary>
public interface IWorkSubjects
{
    Task<string?> DescribeAsync(int incidentId, CancellationToken cancellationToken);
}
