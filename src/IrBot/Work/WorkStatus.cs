using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IrBot.Work;

public enum WorkStatus
{
    Pending,
    Done,
    Failed,
}
