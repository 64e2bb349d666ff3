// Each src folder adds its tables to IrBotDbContext as extension properties (db.Incidents, db.WorkItems, …).
global using IrBot.Incidents;
global using IrBot.Participants;
global using IrBot.Roles;
global using IrBot.SlackApp;
global using IrBot.Tasks;
global using IrBot.Timeline;
global using IrBot.Work;
