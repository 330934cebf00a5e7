visieSearch.load("index",{"chunks":["0","meegenom"],"sections":51,"stemmer":"dutch","version":1});
