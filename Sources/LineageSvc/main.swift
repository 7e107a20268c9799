await LineageSvcCommand.runFromCommandLine()
