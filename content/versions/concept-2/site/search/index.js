visieSearch.load("index",{"chunks":["0","patientenplatform"],"sections":45,"stemmer":"dutch","version":1});
