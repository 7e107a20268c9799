await SyncSvcCommand.runFromCommandLine()
