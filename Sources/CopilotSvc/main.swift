await CopilotSvcCommand.runFromCommandLine()
