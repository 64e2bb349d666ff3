using IrBot.Tasks;

namespace IrBot.Tests.Tasks;

public sealed class TaskIdsTests
{
    [Theory]
    [InlineData("T-7", 7)]
    [InlineData(" t-12 ", 12)]
    [InlineData("t7", 7)]
    [InlineData("42", 42)]
    [InlineData("T-", null)]
    [InlineData("T-0", null)]
    [InlineData("T-7; drop", null)]
    [InlineData(null, null)]
    public void Task_ids_are_read_the_way_people_type_them(string? text, int? expected) =>
        Assert.Equal(expected, TaskIds.Parse(text));
}
