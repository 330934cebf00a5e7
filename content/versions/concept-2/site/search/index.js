visieSearch.load("index",{"chunks":["0","overbrugg"],"sections":45,"stemmer":"dutch","version":1});
