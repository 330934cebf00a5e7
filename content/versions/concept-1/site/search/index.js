visieSearch.load("index",{"chunks":["0","variaties"],"sections":29,"stemmer":"dutch","version":1});
